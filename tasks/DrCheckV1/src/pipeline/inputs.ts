/**
 * The task's inputs, read once through task-lib and validated, with the agent variables the task needs.
 */
import * as tl from 'azure-pipelines-task-lib/task';
import { STRATEGIES, type Strategy } from '../../../../shared/model/posture';

export type FailOn = 'regressions' | 'findings' | 'never';
/** With failOn: regressions and no baseline. `auto`: `findings` in pull-request builds, `pass` on branch builds. */
export type NoBaseline = 'auto' | 'findings' | 'fail' | 'pass';

export interface TaskInputs {
  paths: string[];
  strategy: Strategy;
  configFile: string | undefined;
  subscription: string | undefined;
  bicep: 'native' | 'compile';
  failOn: FailOn;
  baseline: string;
  /** Pipeline (definition id or name) whose builds hold the baseline; default this pipeline. */
  baselinePipeline: string | undefined;
  noBaseline: NoBaseline;
  postToPullRequest: boolean;
  publishSarif: boolean;
  publishTestResults: boolean;
  sourcesDirectory: string;
  stagingDirectory: string;
  tempDirectory: string;
  /** Things worth a warning that do not stop the run (e.g. an unreadable service connection). */
  warnings: string[];
}

export class InputError extends Error {}

function pick<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const v = (tl.getInput(name, false) ?? '').trim();
  if (!v) return fallback;
  const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!match) throw new InputError(`input '${name}' is '${v}'; expected one of ${allowed.join(', ')}`);
  return match;
}

function bool(name: string, fallback: boolean): boolean {
  const v = (tl.getInput(name, false) ?? '').trim().toLowerCase();
  if (!v) return fallback;
  if (v !== 'true' && v !== 'false') throw new InputError(`input '${name}' is '${v}'; expected true or false`);
  return v === 'true';
}

export function readInputs(): TaskInputs {
  const sourcesDirectory = tl.getVariable('Build.SourcesDirectory') || tl.getVariable('System.DefaultWorkingDirectory') || process.cwd();
  const stagingDirectory = tl.getVariable('Build.ArtifactStagingDirectory') || tl.getVariable('Agent.TempDirectory') || sourcesDirectory;
  const paths = tl.getDelimitedInput('paths', /\r?\n/, false).map((p) => p.trim()).filter(Boolean);
  const warnings: string[] = [];
  let subscription = (tl.getInput('subscription', false) ?? '').trim() || undefined;
  const connection = (tl.getInput('azureSubscription', false) ?? '').trim();
  if (!subscription && connection) {
    // Only the endpoint's data (subscriptionId) is read, never its authorization: drcheck does not call Azure.
    subscription = tl.getEndpointDataParameter(connection, 'subscriptionId', true)?.trim() || undefined;
    if (!subscription) warnings.push(`the Azure Resource Manager service connection '${connection}' has no subscription id (a management-group or workload-identity connection without one?); resources no landing zone maps have no subscription`);
  }
  const configFile = (tl.getInput('configFile', false) ?? '').trim();
  return {
    paths: paths.length ? paths : [sourcesDirectory],
    strategy: pick('strategy', STRATEGIES, 'redeploy'),
    // A filePath input left empty arrives as the sources directory itself: treat that as "not set".
    configFile: configFile && configFile.replace(/[\\/]+$/, '') !== sourcesDirectory.replace(/[\\/]+$/, '') ? configFile : undefined,
    subscription,
    bicep: pick('bicep', ['native', 'compile'] as const, 'native'),
    failOn: pick('failOn', ['regressions', 'findings', 'never'] as const, 'regressions'),
    baseline: (tl.getInput('baseline', false) ?? '').trim() || 'auto',
    baselinePipeline: (tl.getInput('baselinePipeline', false) ?? '').trim() || undefined,
    noBaseline: pick('noBaseline', ['auto', 'findings', 'fail', 'pass'] as const, 'auto'),
    postToPullRequest: bool('postToPullRequest', true),
    publishSarif: bool('publishSarif', true),
    publishTestResults: bool('publishTestResults', true),
    sourcesDirectory,
    stagingDirectory,
    tempDirectory: tl.getVariable('Agent.TempDirectory') || stagingDirectory,
    warnings,
  };
}

/** What the agent tells the task about this build (all optional outside a pipeline). */
export interface BuildContext {
  collectionUri?: string;
  project?: string;
  buildId?: number;
  buildNumber?: string;
  definitionId?: number;
  definitionName?: string;
  sourceBranch?: string;
  sourceVersion?: string;
  repositoryId?: string;
  repositoryUri?: string;
  reason?: string;
  pullRequestId?: number;
  targetBranch?: string;
  /** The pull request's head commit (Build.SourceVersion is the merge commit): line links in the PR comment point here. */
  pullRequestSourceCommit?: string;
  /** `TfsGit` for Azure Repos; PR statuses and threads are posted only there. */
  repositoryProvider?: string;
  /** `build` or `release`: artifacts and build tags exist only in builds. */
  hostType?: string;
}

const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export function readBuildContext(): BuildContext {
  return {
    collectionUri: tl.getVariable('System.CollectionUri') || tl.getVariable('System.TeamFoundationCollectionUri') || undefined,
    project: tl.getVariable('System.TeamProjectId') || tl.getVariable('System.TeamProject') || undefined,
    buildId: num(tl.getVariable('Build.BuildId')),
    buildNumber: tl.getVariable('Build.BuildNumber') || undefined,
    definitionId: num(tl.getVariable('System.DefinitionId')),
    definitionName: tl.getVariable('Build.DefinitionName') || undefined,
    sourceBranch: tl.getVariable('Build.SourceBranch') || undefined,
    sourceVersion: tl.getVariable('Build.SourceVersion') || undefined,
    repositoryId: tl.getVariable('Build.Repository.ID') || undefined,
    repositoryUri: tl.getVariable('Build.Repository.Uri') || undefined,
    reason: tl.getVariable('Build.Reason') || undefined,
    pullRequestId: num(tl.getVariable('System.PullRequest.PullRequestId')),
    targetBranch: tl.getVariable('System.PullRequest.TargetBranch') || undefined,
    pullRequestSourceCommit: tl.getVariable('System.PullRequest.SourceCommitId') || undefined,
    repositoryProvider: tl.getVariable('Build.Repository.Provider') || undefined,
    hostType: tl.getVariable('System.HostType') || undefined,
  };
}

/** A pull-request build: the branch policy's build validation (Azure Repos) or a PR trigger (GitHub, Bitbucket). */
export function isPullRequest(ctx: BuildContext): boolean {
  return ctx.reason === 'PullRequest' || ctx.pullRequestId !== undefined;
}

export function buildUrl(ctx: BuildContext): string | undefined {
  if (!ctx.collectionUri || !ctx.project || !ctx.buildId) return undefined;
  return `${ctx.collectionUri.replace(/\/?$/, '/')}${encodeURIComponent(ctx.project)}/_build/results?buildId=${ctx.buildId}`;
}
