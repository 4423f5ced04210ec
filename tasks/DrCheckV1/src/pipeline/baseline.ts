/**
 * Finds the posture to compare a run against: a posture.json path, or (`auto`) the `drcheck.posture`
 * attachment of the latest successful build of the same pipeline (or `baselinePipeline`) on the pull
 * request's target branch (the current branch outside pull requests), through the Build REST API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildQueryOrder, BuildResult, BuildStatus, type Build } from 'azure-devops-node-api/interfaces/BuildInterfaces';
import type { IBuildApi } from 'azure-devops-node-api/BuildApi';
import { ATTACHMENT_TYPE, type PostureReport } from '../../../../shared/report/types';
import { validateReport } from '../../../../shared/report/validate';
import { connect, expectArray, PERMISSION, withRetry } from './ado';
import type { BuildContext } from './inputs';

export type BaselineResult = { report: PostureReport; source: string } | { report: null; reason: string };

/** A baseline the user named that cannot be used: a usage error (the task fails), not a missing baseline. */
export class BaselineInputError extends Error {}

const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;
/** Builds looked at for `auto` (newest first), and attachments downloaded per build. */
const BUILDS_LISTED = 25;
const BUILDS_TRIED = 5;
const ATTACHMENTS_PER_BUILD = 10;

function parseReport(text: string, source: string): { report: PostureReport } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problem: `${source} is not valid JSON (${(e as Error).message})` };
  }
  const problems = validateReport(data);
  if (problems.length) return { problem: `${source} is not a drcheck posture report (${problems[0]})` };
  return { report: data as PostureReport };
}

async function streamToString(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_ATTACHMENT_BYTES) throw new Error('the attachment is larger than 64 MiB');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `.../builds/{buildId}/{timelineId}/{recordId}/attachments/{type}/{name}` → timeline and record ids. */
export function attachmentIds(href: string): { timelineId: string; recordId: string; name: string } | undefined {
  const m = /\/builds\/\d+\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/[^/]+\/([^/?#]+)/i.exec(href);
  if (!m) return undefined;
  try {
    return { timelineId: m[1], recordId: m[2], name: decodeURIComponent(m[3]) };
  } catch {
    return undefined;
  }
}

function sameRoots(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/**
 * When a build ran the task more than once (several steps, several attachments), the baseline is the step that
 * scanned the same roots; failing that, all of them together (resources are matched by identity, so the union works).
 */
export function pickAttachment(reports: PostureReport[], head: Pick<PostureReport, 'roots'>): PostureReport {
  if (reports.length === 1) return reports[0];
  const same = reports.find((r) => sameRoots(r.roots, head.roots));
  if (same) return same;
  const seen = new Set<string>();
  const resources = reports.flatMap((r) => r.resources).filter((r) => !seen.has(r.id) && (seen.add(r.id), true));
  return { ...reports[0], roots: reports.flatMap((r) => r.roots), resources };
}

export async function resolveBaseline(spec: string, build: BuildContext, sourcesDirectory: string, head: Pick<PostureReport, 'roots'>, baselinePipeline?: string): Promise<BaselineResult> {
  if (spec.toLowerCase() === 'none') return { report: null, reason: 'no baseline (baseline: none)' };
  if (spec.toLowerCase() !== 'auto') return readBaselineFile(spec, sourcesDirectory);

  const branch = build.targetBranch ?? build.sourceBranch;
  if (!build.project || !branch || (!build.definitionId && !baselinePipeline)) return { report: null, reason: 'baseline: auto needs a pipeline run (System.DefinitionId, System.TeamProject and a branch)' };
  const conn = connect(build.collectionUri);
  if ('error' in conn) return { report: null, reason: `baseline: auto cannot reach Azure DevOps: ${conn.error}` };
  const project = build.project;
  const buildApi = await withRetry('connecting to the Build service', () => conn.api.getBuildApi());
  const definitionId = baselinePipeline ? await findPipeline(buildApi, project, baselinePipeline) : build.definitionId!;
  const pipelineLabel = baselinePipeline ? `pipeline ${baselinePipeline}` : 'this pipeline';

  const builds = await withRetry(
    'listing builds for the baseline',
    () => buildApi.getBuilds(project, [definitionId], undefined, undefined, undefined, undefined, undefined, undefined, BuildStatus.Completed, undefined, undefined, undefined, BUILDS_LISTED, undefined, undefined, undefined, BuildQueryOrder.FinishTimeDescending, branch),
    { permission: PERMISSION.builds },
  );
  const candidates = expectArray('listing builds for the baseline', builds).filter((b: Build) => b.id !== build.buildId && (b.result === BuildResult.Succeeded || b.result === BuildResult.PartiallySucceeded));
  if (!candidates.length) return { report: null, reason: `no successful build of ${pipelineLabel} on ${branch} to compare with` };

  for (const b of candidates.slice(0, BUILDS_TRIED)) {
    const label = `build ${b.buildNumber ?? b.id}`;
    const attachments = expectArray(`listing attachments of ${label}`, await withRetry(`listing attachments of ${label}`, () => buildApi.getAttachments(project, b.id!, ATTACHMENT_TYPE), { permission: PERMISSION.builds }));
    const ids = attachments.map((a) => attachmentIds((a as { _links?: { self?: { href?: string } } })._links?.self?.href ?? '')).filter((x): x is NonNullable<typeof x> => !!x);
    if (!ids.length) continue;
    const reports: PostureReport[] = [];
    for (const att of ids.slice(0, ATTACHMENTS_PER_BUILD)) {
      const stream = await withRetry(`downloading the posture of ${label}`, () => buildApi.getAttachment(project, b.id!, att.timelineId, att.recordId, ATTACHMENT_TYPE, att.name), { permission: PERMISSION.builds });
      const parsed = parseReport(await streamToString(stream), `the posture of ${label}`);
      // The newest posture decides: an unreadable one is reported, never silently replaced by an older build's.
      if ('problem' in parsed) return { report: null, reason: parsed.problem };
      reports.push(parsed.report);
    }
    return { report: pickAttachment(reports, head), source: `${label} on ${branch}` };
  }
  return { report: null, reason: `the latest successful builds of ${pipelineLabel} on ${branch} have no drcheck.posture attachment (does that pipeline run DrCheck@1?)` };
}

/** `baseline: <path>`: a posture.json committed to the repository or written by an earlier step (`drcheck baseline`). */
function readBaselineFile(spec: string, sourcesDirectory: string): BaselineResult {
  const file = path.resolve(sourcesDirectory, spec);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BaselineInputError(`baseline file ${spec} cannot be read (${code === 'ENOENT' ? 'not found' : code ?? (e as Error).message}); write one with 'drcheck baseline', or use baseline: auto or none`);
  }
  const parsed = parseReport(text, `baseline file ${spec}`);
  if ('problem' in parsed) throw new BaselineInputError(parsed.problem);
  return { report: parsed.report, source: `baseline file ${spec}` };
}

/** `baselinePipeline`: a definition id, or a pipeline name looked up in the project. */
async function findPipeline(buildApi: IBuildApi, project: string, spec: string): Promise<number> {
  if (/^\d+$/.test(spec)) return Number(spec);
  const found = expectArray('finding the baseline pipeline', await withRetry('finding the baseline pipeline', () => buildApi.getDefinitions(project, spec), { permission: PERMISSION.builds }));
  if (!found.length || found[0].id === undefined) throw new Error(`no pipeline named '${spec}' in this project (baselinePipeline)`);
  return found[0].id;
}
