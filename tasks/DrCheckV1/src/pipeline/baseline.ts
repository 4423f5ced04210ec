/**
 * Finds the posture to compare a run against: a posture.json path, or (`auto`) the `drcheck.posture`
 * attachment of the latest successful build of the same pipeline on the pull request's target branch.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BuildQueryOrder, BuildResult, BuildStatus } from 'azure-devops-node-api/interfaces/BuildInterfaces';
import { ATTACHMENT_TYPE, type PostureReport } from '../../../../shared/report/types';
import { validateReport } from '../../../../shared/report/validate';
import { connect, expectArray, withRetry } from './ado';
import type { BuildContext } from './inputs';

export type BaselineResult = { report: PostureReport; source: string } | { report: null; reason: string };

function parseReport(text: string, source: string): BaselineResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { report: null, reason: `${source} is not valid JSON (${(e as Error).message})` };
  }
  const problems = validateReport(data);
  if (problems.length) return { report: null, reason: `${source} is not a drcheck posture report (${problems[0]})` };
  return { report: data as PostureReport, source };
}

async function streamToString(stream: NodeJS.ReadableStream, limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > limit) throw new Error('the attachment is larger than 64 MiB');
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `.../builds/{buildId}/{timelineId}/{recordId}/attachments/{type}/{name}` → timeline and record ids. */
export function attachmentIds(href: string): { timelineId: string; recordId: string; name: string } | undefined {
  const m = /\/builds\/\d+\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/[^/]+\/([^/?#]+)/i.exec(href);
  return m ? { timelineId: m[1], recordId: m[2], name: decodeURIComponent(m[3]) } : undefined;
}

export async function resolveBaseline(spec: string, build: BuildContext, sourcesDirectory: string): Promise<BaselineResult> {
  if (spec.toLowerCase() === 'none') return { report: null, reason: 'no baseline (baseline: none)' };
  if (spec.toLowerCase() !== 'auto') {
    const file = path.resolve(sourcesDirectory, spec);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      return { report: null, reason: `baseline file ${spec} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
    }
    return parseReport(text, spec);
  }
  const branch = build.targetBranch ?? build.sourceBranch;
  if (!build.definitionId || !build.project || !branch) return { report: null, reason: 'baseline: auto needs a pipeline run (System.DefinitionId, System.TeamProject and a branch)' };
  const conn = connect(build.collectionUri);
  if ('error' in conn) return { report: null, reason: `baseline: auto cannot reach Azure DevOps: ${conn.error}` };
  const buildApi = await withRetry('connecting to the Build service', () => conn.api.getBuildApi());
  const builds = await withRetry('listing builds for the baseline', () =>
    buildApi.getBuilds(build.project!, [build.definitionId!], undefined, undefined, undefined, undefined, undefined, undefined, BuildStatus.Completed, undefined, undefined, undefined, 20, undefined, undefined, undefined, BuildQueryOrder.FinishTimeDescending, branch),
  );
  const candidates = expectArray('listing builds for the baseline', builds).filter((b) => b.id !== build.buildId && (b.result === BuildResult.Succeeded || b.result === BuildResult.PartiallySucceeded));
  if (!candidates.length) return { report: null, reason: `no successful build of this pipeline on ${branch} to compare with` };
  for (const b of candidates.slice(0, 5)) {
    const attachments = await withRetry(`listing attachments of build ${b.id}`, () => buildApi.getAttachments(build.project!, b.id!, ATTACHMENT_TYPE));
    const att = (attachments ?? []).map((a) => attachmentIds((a as { _links?: { self?: { href?: string } } })._links?.self?.href ?? '')).find(Boolean);
    if (!att) continue;
    const stream = await withRetry(`downloading the posture of build ${b.id}`, () => buildApi.getAttachment(build.project!, b.id!, att.timelineId, att.recordId, ATTACHMENT_TYPE, att.name));
    const parsed = parseReport(await streamToString(stream), `the posture of build ${b.buildNumber ?? b.id}`);
    if (parsed.report) return { report: parsed.report, source: `build ${b.buildNumber ?? b.id} on ${branch}` };
    return parsed;
  }
  return { report: null, reason: `the latest successful builds on ${branch} have no drcheck.posture attachment` };
}
