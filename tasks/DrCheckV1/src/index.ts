/**
 * DrCheck@1: scans the repository's IaC, publishes the DR posture, and gates pull requests on regressions.
 * Entry point bundled to index.js; the agent runs it with the task's inputs in the environment.
 *
 * Order: inputs → scan → baseline and diff → publish (files, attachments, annotations, variables) →
 * verdict → pull request (status, thread) → result. Anything after the scan that fails (REST, disk) becomes a
 * warning; the scan result is never lost, and nothing ends in a stack trace.
 */
import * as tl from 'azure-pipelines-task-lib/task';
import { diffReports, toolChangeNote, type PostureDiff } from '../../../shared/engine/diff';
import type { PostureReport } from '../../../shared/report/types';
import { BaselineInputError, resolveBaseline } from './pipeline/baseline';
import { buildUrl, InputError, isPullRequest, readBuildContext, readInputs, type BuildContext, type TaskInputs } from './pipeline/inputs';
import { annotate, publishReports } from './pipeline/publish';
import { tellPullRequest } from './pipeline/pull-request';
import { decide, findingThreshold, type Verdict } from './pipeline/verdict';
import { escapeLogLine } from './publishers/escape';
import { runScan, DrCheckUsageError } from './scan';

const log = (line: string) => console.log(escapeLogLine(line));
const warn = (line: string) => tl.warning(escapeLogLine(`drcheck: ${line}`));
const fail = (message: string) => tl.setResult(tl.TaskResult.Failed, escapeLogLine(message));

interface Baseline {
  diff: PostureDiff | null;
  /** Why there is no diff (null when there is one). */
  missing: string | null;
  /** One sentence for the summary and the PR comment. */
  note: string;
}

async function compare(report: PostureReport, inputs: TaskInputs, build: BuildContext): Promise<Baseline> {
  try {
    const baseline = await resolveBaseline(inputs.baseline, build, inputs.sourcesDirectory, report, inputs.baselinePipeline);
    if (baseline.report) {
      const diff = diffReports(baseline.report, report);
      log(`drcheck: compared with ${baseline.source}: ${diff.regressions.length} regression(s), ${diff.improvements.length} improvement(s), ${diff.unchanged} unchanged.`);
      if (diff.toolChanged) log(`drcheck: ${toolChangeNote(diff)}`);
      return { diff, missing: null, note: `Compared with ${baseline.source}.` };
    }
    if (inputs.baseline.toLowerCase() !== 'none') warn(baseline.reason);
    return { diff: null, missing: baseline.reason, note: `No baseline: ${baseline.reason}.` };
  } catch (e) {
    if (e instanceof BaselineInputError) throw e;
    const reason = `no baseline: ${(e as Error).message}`;
    warn(reason);
    return { diff: null, missing: reason, note: `No baseline: ${(e as Error).message}.` };
  }
}

function setOutputs(report: PostureReport, diff: PostureDiff | null, postureFile: string): void {
  const t = report.totals;
  const out = (name: string, value: string) => tl.setVariable(name, value, false, true);
  out('resourceCount', String(t.resources));
  out('passCount', String(t.pass));
  out('failCount', String(t.fail));
  out('unknownCount', String(t.unknown));
  out('suppressedCount', String(t.suppressed));
  out('findingCount', String(t.findings));
  out('regressionCount', diff ? String(diff.regressions.length) : '');
  out('improvementCount', diff ? String(diff.improvements.length) : '');
  out('postureFile', postureFile);
}

async function run(): Promise<void> {
  let inputs: TaskInputs;
  try {
    inputs = readInputs();
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  for (const w of inputs.warnings) warn(w);
  const build = readBuildContext();
  const url = buildUrl(build);
  const inBuild = !build.hostType || build.hostType.toLowerCase() === 'build';

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
      return fail(e.message);
    }
    throw e;
  }
  const { report, failOn: threshold } = scanned;
  const t = report.totals;
  log(`drcheck: ${t.resources} resources, ${t.pass} pass, ${t.fail} fail, ${t.unknown} unknown, ${t.suppressed} suppressed (strategy ${report.strategy}).`);

  // A baseline path that cannot be used is the user's mistake: the run fails with it, after publishing the scan.
  let baseline: Baseline;
  let baselineError: string | undefined;
  try {
    baseline = await compare(report, inputs, build);
  } catch (e) {
    baselineError = (e as Error).message;
    baseline = { diff: null, missing: baselineError, note: `No baseline: ${baselineError}.` };
  }
  const { diff } = baseline;

  const written = publishReports(report, inputs, { diff: diff ?? undefined, buildUrl: url, repositoryUrl: build.repositoryUri, commit: build.sourceVersion, failOn: findingThreshold(threshold) }, { artifacts: inBuild });
  for (const p of written.problems) tl.logIssue(tl.IssueType.Error, escapeLogLine(p));
  if (!inBuild && inputs.publishSarif) log(`drcheck: SARIF written to ${written.sarifFile ?? 'nowhere'}; artifacts are uploaded only in build pipelines.`);

  const verdict: Verdict = baselineError
    ? { result: tl.TaskResult.Failed, message: baselineError, statusFailed: true, gating: new Set() }
    : decide(report, { failOn: inputs.failOn, noBaseline: inputs.noBaseline, threshold, diff, baselineMissing: baseline.missing, isPullRequest: isPullRequest(build) });
  annotate(report, (id) => verdict.gating.has(id));
  setOutputs(report, diff, written.postureFile);
  if (written.problems.length && verdict.result !== tl.TaskResult.Failed) verdict.result = tl.TaskResult.SucceededWithIssues;

  if (isPullRequest(build) && inputs.postToPullRequest) {
    if (build.repositoryProvider && build.repositoryProvider !== 'TfsGit') {
      log(`drcheck: the repository is on ${build.repositoryProvider}; PR status and comment are posted only for Azure Repos (the task result still gates the pull request).`);
    } else {
      try {
        const outcome = await tellPullRequest({
          report,
          diff,
          failed: verdict.statusFailed,
          description: verdict.message,
          build,
          comment: { buildUrl: url, repositoryUrl: build.repositoryUri, commit: build.pullRequestSourceCommit ?? build.sourceVersion, baselineNote: baseline.note, verdict: verdict.message },
        });
        for (const p of outcome.problems) warn(`pull request: ${p}`);
        log(`drcheck: pull request status ${outcome.status}${outcome.iterationId ? ` (iteration ${outcome.iterationId})` : ''}; comment thread ${outcome.thread}.`);
        if (outcome.problems.length && verdict.result === tl.TaskResult.Succeeded) verdict.result = tl.TaskResult.SucceededWithIssues;
      } catch (e) {
        warn(`could not update the pull request: ${(e as Error).message}`);
        if (verdict.result === tl.TaskResult.Succeeded) verdict.result = tl.TaskResult.SucceededWithIssues;
      }
    }
  }
  tl.setResult(verdict.result, escapeLogLine(verdict.message));
}

run().catch((e: unknown) => {
  // Never a stack trace in the issues list: one line, and the details only in debug output.
  tl.debug(escapeLogLine(String((e as Error)?.stack ?? e)));
  fail(`drcheck failed unexpectedly: ${(e as Error)?.message ?? String(e)}`);
});
