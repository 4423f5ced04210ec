/**
 * DrCheck@1: scans the repository's IaC, publishes the DR posture, and gates pull requests on regressions.
 * Entry point bundled to index.js; the agent runs it with the task's inputs in the environment.
 */
import * as tl from 'azure-pipelines-task-lib/task';
import { diffReports, type PostureDiff } from '../../../shared/engine/diff';
import { failingFindings } from '../../../shared/engine/gate';
import type { PostureReport } from '../../../shared/report/types';
import { resolveBaseline } from './pipeline/baseline';
import { buildUrl, InputError, readBuildContext, readInputs, type TaskInputs } from './pipeline/inputs';
import { annotate, publishReports } from './pipeline/publish';
import { tellPullRequest } from './pipeline/pull-request';
import { escapeLogLine } from './publishers/escape';
import { runScan, DrCheckUsageError } from './scan';

const log = (line: string) => console.log(escapeLogLine(line));

interface Verdict {
  result: tl.TaskResult;
  message: string;
}

function decide(report: PostureReport, inputs: TaskInputs, failThreshold: Parameters<typeof failingFindings>[1], diff: PostureDiff | null, baselineMissing: string | null): Verdict {
  const failing = failingFindings(report, failThreshold === 'never' ? 'warning' : failThreshold);
  const findings = `${failing.length} open finding${failing.length === 1 ? '' : 's'} on ${new Set(failing.map((f) => f.resource.id)).size} resource(s)`;
  const issues = failing.length > 0 || report.errors.some((e) => e.severity === 'error');
  const withIssues = (message: string): Verdict => ({ result: issues ? tl.TaskResult.SucceededWithIssues : tl.TaskResult.Succeeded, message });
  if (inputs.failOn === 'never') return withIssues(`DR posture: ${findings} (failOn: never)`);
  if (inputs.failOn === 'findings') {
    return failing.length ? { result: tl.TaskResult.Failed, message: `DR posture: ${findings} at or above '${failThreshold}'` } : withIssues('DR posture: no open findings');
  }
  // failOn: regressions
  if (diff) {
    if (diff.regressions.length) return { result: tl.TaskResult.Failed, message: `DR posture: ${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'} against the baseline (${diff.regressions.slice(0, 3).map((c) => c.resource.name ?? c.resource.address).join(', ')}${diff.regressions.length > 3 ? ', …' : ''})` };
    return withIssues(`DR posture: no regressions against the baseline; ${findings} already there`);
  }
  if (inputs.noBaseline === 'fail') return { result: tl.TaskResult.Failed, message: `DR posture: ${baselineMissing}; failing closed (noBaseline: fail)` };
  if (inputs.noBaseline === 'pass') return withIssues(`DR posture: ${baselineMissing}; ${findings} not gated (noBaseline: pass)`);
  return failing.length ? { result: tl.TaskResult.Failed, message: `DR posture: ${baselineMissing}, so the run is judged on its own: ${findings}` } : withIssues(`DR posture: ${baselineMissing}; no open findings`);
}

async function run(): Promise<void> {
  let inputs: TaskInputs;
  try {
    inputs = readInputs();
  } catch (e) {
    if (e instanceof InputError) return tl.setResult(tl.TaskResult.Failed, e.message);
    throw e;
  }
  const build = readBuildContext();
  const url = buildUrl(build);
  const isPr = build.reason === 'PullRequest' || build.pullRequestId !== undefined;

  let scanned;
  try {
    scanned = await runScan({
      paths: inputs.paths,
      cwd: inputs.sourcesDirectory,
      configFile: inputs.configFile,
      strategy: inputs.strategy,
      subscription: inputs.subscription,
      bicep: inputs.bicep,
      run: {
        ...(build.buildId ? { buildId: build.buildId } : {}),
        ...(build.buildNumber ? { buildNumber: build.buildNumber } : {}),
        ...(build.definitionId ? { definitionId: build.definitionId } : {}),
        ...(build.definitionName ? { definitionName: build.definitionName } : {}),
        ...(build.sourceBranch ? { sourceBranch: build.sourceBranch } : {}),
        ...(build.sourceVersion ? { sourceVersion: build.sourceVersion } : {}),
        ...(build.repositoryUri ? { repositoryUrl: build.repositoryUri } : {}),
        ...(build.pullRequestId ? { pullRequestId: build.pullRequestId } : {}),
        ...(url ? { buildUrl: url } : {}),
      },
    });
  } catch (e) {
    if (e instanceof DrCheckUsageError) {
      if (e.file) tl.logIssue(tl.IssueType.Error, escapeLogLine(e.message), e.file, e.line, e.column, 'usage');
      return tl.setResult(tl.TaskResult.Failed, escapeLogLine(e.message));
    }
    throw e;
  }
  const { report, failOn: threshold } = scanned;
  const t = report.totals;
  log(`drcheck: ${t.resources} resources, ${t.pass} pass, ${t.fail} fail, ${t.unknown} unknown, ${t.suppressed} suppressed (strategy ${report.strategy}).`);

  // Baseline and diff: failures here are warnings, never a lost scan result.
  let diff: PostureDiff | null = null;
  let baselineMissing: string | null = null;
  let baselineNote = '';
  try {
    const baseline = await resolveBaseline(inputs.baseline, build, inputs.sourcesDirectory);
    if (baseline.report) {
      diff = diffReports(baseline.report, report);
      baselineNote = `Compared with ${baseline.source}.`;
      log(`drcheck: compared with ${baseline.source}: ${diff.regressions.length} regression(s), ${diff.improvements.length} improvement(s).`);
    } else {
      baselineMissing = baseline.reason;
      baselineNote = `No baseline: ${baseline.reason}.`;
      if (inputs.baseline.toLowerCase() !== 'none') tl.warning(escapeLogLine(`drcheck: ${baseline.reason}`));
    }
  } catch (e) {
    baselineMissing = (e as Error).message;
    baselineNote = `No baseline: ${baselineMissing}.`;
    tl.warning(escapeLogLine(`drcheck: no baseline: ${baselineMissing}`));
  }

  const written = publishReports(report, inputs, { diff: diff ?? undefined, buildUrl: url, repositoryUrl: build.repositoryUri, commit: build.sourceVersion });
  for (const p of written.problems) tl.logIssue(tl.IssueType.Error, escapeLogLine(p));
  annotate(report);

  tl.setVariable('passCount', String(t.pass), false, true);
  tl.setVariable('failCount', String(t.fail), false, true);
  tl.setVariable('unknownCount', String(t.unknown), false, true);
  tl.setVariable('suppressedCount', String(t.suppressed), false, true);
  tl.setVariable('regressionCount', diff ? String(diff.regressions.length) : '', false, true);
  tl.setVariable('postureFile', written.postureFile, false, true);

  const verdict = decide(report, inputs, threshold, diff, baselineMissing);
  if (written.problems.length && verdict.result !== tl.TaskResult.Failed) verdict.result = tl.TaskResult.SucceededWithIssues;

  if (isPr && inputs.postToPullRequest) {
    try {
      const outcome = await tellPullRequest(report, diff, verdict.result === tl.TaskResult.Failed, verdict.message, build, url, baselineNote);
      log(`drcheck: pull request status ${outcome.status}; comment thread ${outcome.thread}.`);
    } catch (e) {
      tl.warning(escapeLogLine(`drcheck: could not update the pull request: ${(e as Error).message}`));
      if (verdict.result === tl.TaskResult.Succeeded) verdict.result = tl.TaskResult.SucceededWithIssues;
    }
  }
  tl.setResult(verdict.result, escapeLogLine(verdict.message));
}

run().catch((e: unknown) => {
  // Never a stack trace in the issues list: one line, and the details only in debug output.
  tl.debug(escapeLogLine(String((e as Error)?.stack ?? e)));
  tl.setResult(tl.TaskResult.Failed, escapeLogLine(`drcheck failed unexpectedly: ${(e as Error)?.message ?? String(e)}`));
});
