import * as fs from 'node:fs';
import * as path from 'node:path';
import { readNative } from '../../../tasks/DrCheckV1/src/readers/bicep';
import type { ReaderContext, ReadResult } from '../../../tasks/DrCheckV1/src/readers/types';
import { readerContext } from '../../support/reader-context';

/** The native Bicep reader over `files` (paths relative to `root`) as they are on disk. */
export function readNativeFiles(root: string, files: string[], ctx: ReaderContext = readerContext(root)): Promise<ReadResult> {
  return readNative(
    files.map((rel) => ({ path: path.join(root, rel), rel, text: fs.readFileSync(path.join(root, rel), 'utf8') })),
    ctx,
  );
}
