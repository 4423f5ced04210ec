/**
 * The scan's public contract, shared by the CLI and the pipeline task. Implementation: `scan.ts`.
 */
import type { Strategy } from '../../../shared/model/posture';
import type { Limits } from '../../../shared/config/limits';
import type { LoadedConfig, FailThreshold } from '../../../shared/config/types';
import type { PostureReport } from '../../../shared/report/types';

export interface ScanProgress {
  filesTotal: number;
  filesRead: number;
  resources: number;
}

export interface ScanOptions {
  /** Files, folders or globs, relative to `cwd`. */
  paths: string[];
  /** Working directory; defaults to process.cwd(). */
  cwd?: string;
  /** Config file path. `undefined`: look for `.drcheck.yml` in the scan roots and cwd. `null`: no config. */
  configFile?: string | null;
  /** Overrides the config's strategy. */
  strategy?: Strategy;
  /** Subscription for resources no landing zone maps (overrides the config's defaultSubscription). */
  subscription?: string;
  /** Overrides the config's `bicep` mode. */
  bicep?: 'native' | 'compile';
  limits?: Partial<Limits>;
  /** "Today", for suppression expiry; defaults to now. */
  now?: Date;
  onProgress?: (p: ScanProgress) => void;
  /** Build context recorded in the report (`run`). */
  run?: PostureReport['run'];
}

export interface ScanResult {
  report: PostureReport;
  config: LoadedConfig;
  /** The fail threshold from the config (CLI flags override it). */
  failOn: FailThreshold;
}

/**
 * A problem with what the user asked for (missing path, unreadable or invalid config). The CLI exits 2
 * and the task fails with this message. `file`/`line`/`column` point into the config when relevant.
 */
export class DrCheckUsageError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'DrCheckUsageError';
  }
}
