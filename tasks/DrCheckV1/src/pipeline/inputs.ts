/**
 * The task's inputs, read once through task-lib and validated, with the agent variables the task needs.
 */
import * as tl from 'azure-pipelines-task-lib/task';
import { STRATEGIES, type Strategy } from '../../../../shared/model/posture';

export type FailOn = 'regressions' | 'findings' | 'never';
export type NoBaseline = 'findings' | 'fail' | 'pass';

export interface TaskInputs {
  paths: string[];
  strategy: Strategy;
  configFile: string | undefined;
  subscription: string | undefined;
  bicep: 'native' | 'compile';
  failOn: FailOn;
  baseline: string;
  noBaseline: NoBaseline;
  postToPullRequest: boolean;
  publishSarif: boolean;
  publishTestResults: boolean;
  sourcesDirectory: string;
  stagingDirectory: string;
  tempDirectory: string;
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
  const v = tl.getInput(name, false);
  return v === undefined || v.trim() === '' ? fallback : tl.getBoolInput(name, false);
}

export function readInputs(): TaskInputs {
  const sourcesDirectory = tl.getVariable('Build.SourcesDirectory') || tl.getVariable('System.DefaultWorkingDirectory') || process.cwd();
  const stagingDirectory = tl.getVariable('Build.ArtifactStagingDirectory') || tl.getVariable('Agent.TempDirectory') || sourcesDirectory;
  const paths = tl.getDelimitedInput('paths', /\r?\n/, false).map((p) => p.trim()).filter(Boolean);
  let subscription = (tl.getInput('subscription', false) ?? '').trim() || undefined;
  const connection = tl.getInput('azureSubscription', false);
  if (!subscription && connection) subscription = tl.getEndpointDataParameter(connection, 'subscriptionId', true) || undefined;
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
    noBaseline: pick('noBaseline', ['findings', 'fail', 'pass'] as const, 'findings'),
    postToPullRequest: bool('postToPullRequest', true),
    publishSarif: bool('publishSarif', true),
    publishTestResults: bool('publishTestResults', true),
    sourcesDirectory,
    stagingDirectory,
    tempDirectory: tl.getVariable('Agent.TempDirectory') || stagingDirectory,
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
  };
}

export function buildUrl(ctx: BuildContext): string | undefined {
  if (!ctx.collectionUri || !ctx.project || !ctx.buildId) return undefined;
  return `${ctx.collectionUri.replace(/\/?$/, '/')}${encodeURIComponent(ctx.project)}/_build/results?buildId=${ctx.buildId}`;
}
