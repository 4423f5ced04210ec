/** Every output format, by name: one report in, one text out. */
import { publishJson } from './json';
import { publishJunit } from './junit';
import { publishMarkdown } from './markdown';
import { publishSarif } from './sarif';
import { publishTable } from './table';
import type { OutputFormat, Publisher } from './types';

export const PUBLISHERS: Record<OutputFormat, Publisher> = {
  json: publishJson,
  table: publishTable,
  markdown: publishMarkdown,
  sarif: publishSarif,
  junit: publishJunit,
};

export { OUTPUT_FILES, OUTPUT_FORMATS } from './types';
export type { OutputFormat, Publisher, PublishContext } from './types';
