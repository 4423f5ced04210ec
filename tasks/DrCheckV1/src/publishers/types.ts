/**
 * A publisher turns one posture report into one output format (table, Markdown, SARIF, JUnit, JSON).
 * Publishers are pure: report in, text out. Writing files and printing are the caller's job.
 */
import type { PostureReport } from '../../../../shared/report/types';
import type { PostureDiff } from '../../../../shared/engine/diff';
import type { FailThreshold } from '../../../../shared/config/types';

export interface PublishContext {
  /** ANSI colours (table only). */
  color?: boolean;
  /** Terminal width for the table; defaults to 100. */
  width?: number;
  /** Repository web URL and commit, to link files and lines (Markdown). */
  repositoryUrl?: string;
  commit?: string;
  /** Link to the build, when run in a pipeline. */
  buildUrl?: string;
  /** Comparison with a baseline, when there is one (Markdown summary, PR comment). */
  diff?: PostureDiff;
  /**
   * The lowest open-finding severity that fails the run (JUnit: such a resource is a failed test, so the
   * Tests tab agrees with the run's result). Defaults to `warning`, as the CLI does.
   */
  failOn?: FailThreshold;
}

export type Publisher = (report: PostureReport, ctx?: PublishContext) => string;

export type OutputFormat = 'json' | 'table' | 'markdown' | 'sarif' | 'junit';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['json', 'table', 'markdown', 'sarif', 'junit'];
/** File names `--out DIR` writes, one per format. */
export const OUTPUT_FILES: Record<OutputFormat, string> = {
  json: 'posture.json',
  table: 'posture.txt',
  markdown: 'posture.md',
  sarif: 'drcheck.sarif',
  junit: 'drcheck-junit.xml',
};
