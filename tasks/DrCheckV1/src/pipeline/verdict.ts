/**
 * The task's verdict: its result (Failed per `failOn`, SucceededWithIssues when findings exist but do not
 * fail the run, Succeeded otherwise) with a one-line reason, the PR status it implies, and which resources'
 * findings are the reason it fails (shown as errors; the rest as warnings).
 */
import * as tl from 'azure-pipelines-task-lib/task';
import type { FailThreshold } from '../../../../shared/config/types';
import type { PostureDiff } from '../../../../shared/engine/diff';
import { failingFindings, unreadFiles } from '../../../../shared/engine/gate';
import type { PostureReport } from '../../../../shared/report/types';
import type { FailOn, NoBaseline } from './inputs';

export interface Verdict {
  result: tl.TaskResult;
  message: string;
  /**
   * The PR status: failed when the run fails, and also on regressions with `failOn: never`, so a branch
   * policy can gate through the status check alone while the build stays green.
   */
  statusFailed: boolean;
  /** Resource ids whose findings fail the gate. */
  gating: Set<string>;
}

export interface VerdictInput {
  failOn: FailOn;
  noBaseline: NoBaseline;
  /** The config's severity threshold for `failOn: findings`. */
  threshold: FailThreshold;
  diff: PostureDiff | null;
  baselineMissing: string | null;
  isPullRequest: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The severity at which a finding fails the run in the task: the config's, except that its `never` counts as
 * `warning` (whether findings fail at all is the task's `failOn` input). The Tests tab uses the same.
 */
export function findingThreshold(threshold: FailThreshold): Exclude<FailThreshold, 'never'> {
  return threshold === 'never' ? 'warning' : threshold;
}

export function decide(report: PostureReport, v: VerdictInput): Verdict {
  const threshold = findingThreshold(v.threshold);
  const failing = failingFindings(report, threshold);
  const failingIds = new Set(failing.map((f) => f.resource.id));
  const findings = `${plural(failing.length, 'open finding')} on ${failingIds.size} resource(s)`;
  const regressions = v.diff?.regressions ?? [];
  const regressionIds = new Set(regressions.map((c) => c.id));
  const issues = failing.length > 0 || report.errors.some((e) => e.severity === 'error');
  const ok = (message: string, statusFailed = false, gating = new Set<string>()): Verdict => ({ result: issues ? tl.TaskResult.SucceededWithIssues : tl.TaskResult.Succeeded, message, statusFailed, gating });
  const failed = (message: string, gating: Set<string>): Verdict => ({ result: tl.TaskResult.Failed, message, statusFailed: true, gating });
  const names = regressions.slice(0, 3).map((c) => c.resource.name ?? c.resource.address).join(', ') + (regressions.length > 3 ? ', …' : '');
  const regressionLine = `${plural(regressions.length, 'regression')} against the baseline (${names})`;

  if (v.failOn === 'never') {
    if (regressions.length) return ok(`DR posture: ${regressionLine}; not failing the run (failOn: never)`, true, regressionIds);
    return ok(`DR posture: ${findings} (failOn: never)`);
  }
  // Files that could not be read hide their resources: judging on findings, they fail the run like findings do.
  const unreadCount = unreadFiles(report).size;
  const unread = unreadCount ? `${plural(unreadCount, 'file')} could not be read` : '';
  if (v.failOn === 'findings') {
    if (failing.length) return failed(`DR posture: ${findings} at or above '${threshold}'${unread ? `; ${unread}` : ''}`, failingIds);
    if (unread) return failed(`DR posture: ${unread}, so ${unreadCount === 1 ? 'what it holds is' : 'what they hold is'} not judged`, new Set());
    return ok('DR posture: no open findings', regressions.length > 0, regressionIds);
  }
  // failOn: regressions
  if (v.diff) {
    if (regressions.length) return failed(`DR posture: ${regressionLine}`, regressionIds);
    const accepted = v.diff.accepted.length ? ` (${v.diff.accepted.length} accepted by a suppression)` : '';
    return ok(failing.length ? `DR posture: no regressions against the baseline${accepted}; ${findings} already there` : `DR posture: no regressions against the baseline${accepted} and no open findings`);
  }
  const missing = v.baselineMissing ?? 'no baseline';
  const mode = v.noBaseline === 'auto' ? (v.isPullRequest ? 'findings' : 'pass') : v.noBaseline;
  if (mode === 'fail') return failed(`DR posture: ${missing}; failing closed (noBaseline: fail)`, failingIds);
  if (mode === 'pass') {
    const why = v.noBaseline === 'auto' ? 'this run becomes the baseline for the next ones' : 'noBaseline: pass';
    return ok(`DR posture: ${missing}; ${findings} not gated (${why})`);
  }
  if (failing.length) return failed(`DR posture: ${missing}, so the run is judged on its own: ${findings}${unread ? `; ${unread}` : ''}`, failingIds);
  if (unread) return failed(`DR posture: ${missing}, so the run is judged on its own: ${unread}`, new Set());
  return ok(`DR posture: ${missing}; no open findings`);
}
