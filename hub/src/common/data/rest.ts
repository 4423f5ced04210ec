/**
 * The browser implementation of `PostureApi` over azure-devops-extension-api (Build and Core REST clients,
 * as the portal gives them to an extension: bearer token from the SDK, root from the location service).
 * Throttling (429) and brief outages (503) are retried twice with a pause; everything else surfaces.
 */
import type { Build, BuildRestClient } from 'azure-devops-extension-api/Build';
import type { CoreRestClient } from 'azure-devops-extension-api/Core';
import { attachmentFromHref, httpsOnly, POSTURE_TAG, toDate, type AttachmentRef, type BuildInfo, type BuildPage, type BuildQuery, type HttpFailure, type PostureApi, type ProjectRef } from './api';
import { ATTACHMENT_TYPE } from '../../../../shared/report/types';

const COMPLETED = 2; // BuildStatus.Completed
const FINISH_TIME_DESCENDING = 3; // BuildQueryOrder.FinishTimeDescending
const RETRY_PAUSES_MS = [1000, 4000];

async function withRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const status = (e as HttpFailure).status;
      if ((status === 429 || status === 503) && attempt < RETRY_PAUSES_MS.length) {
        await new Promise((r) => setTimeout(r, RETRY_PAUSES_MS[attempt]));
        continue;
      }
      throw e;
    }
  }
}

/** Turns a REST build into the hub's `BuildInfo`; the link falls back to the collection URL when `_links` is absent. */
export function toBuildInfo(b: Build, project: ProjectRef, collectionUrl: string | null): BuildInfo {
  const links = (b as unknown as { _links?: { web?: { href?: string } } })._links;
  const constructed = collectionUrl ? `${collectionUrl.replace(/\/?$/, '/')}${encodeURIComponent(project.name)}/_build/results?buildId=${b.id}&view=results` : null;
  return {
    id: b.id,
    buildNumber: b.buildNumber ?? String(b.id),
    definitionId: b.definition?.id ?? 0,
    definitionName: b.definition?.name ?? `pipeline ${b.definition?.id ?? '?'}`,
    branch: b.sourceBranch ?? '',
    finishTime: toDate(b.finishTime as unknown),
    project,
    webUrl: httpsOnly(links?.web?.href) ?? httpsOnly(constructed),
  };
}

export class RestPostureApi implements PostureApi {
  constructor(
    private readonly build: BuildRestClient,
    private readonly core: CoreRestClient,
    /** The organisation URL (ends with `/`), for build links when the REST answer has none. */
    private readonly collectionUrl: string | null,
  ) {}

  async listProjects(): Promise<ProjectRef[]> {
    const out: ProjectRef[] = [];
    let token: number | undefined;
    for (let page = 0; page < 50; page++) {
      const list = await withRetry(() => this.core.getProjects(undefined, 100, undefined, token));
      out.push(...list.map((p) => ({ id: p.id, name: p.name })));
      const next = Number((list as unknown as { continuationToken?: string }).continuationToken);
      if (!next || !list.length) break;
      token = next;
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  async listBuilds(project: ProjectRef, q: BuildQuery): Promise<BuildPage> {
    const list = await withRetry(() =>
      this.build.getBuilds(
        project.id,
        q.definitions,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        COMPLETED,
        undefined,
        [POSTURE_TAG],
        undefined,
        q.top,
        q.continuationToken,
        q.maxPerDefinition,
        undefined,
        FINISH_TIME_DESCENDING,
        q.branch,
      ),
    );
    return { builds: list.map((b) => toBuildInfo(b, project, this.collectionUrl)), continuationToken: list.continuationToken || undefined };
  }

  async defaultBranches(project: ProjectRef, definitionIds: number[]): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    if (!definitionIds.length) return out;
    const defs = await withRetry(() =>
      this.build.getDefinitions(project.id, undefined, undefined, undefined, undefined, definitionIds.length, undefined, undefined, definitionIds, undefined, undefined, undefined, true),
    );
    for (const d of defs) {
      const branch = (d as unknown as { repository?: { defaultBranch?: string } }).repository?.defaultBranch;
      if (d.id && branch) out.set(d.id, branch.startsWith('refs/') ? branch : `refs/heads/${branch}`);
    }
    return out;
  }

  async listAttachments(project: ProjectRef, buildId: number): Promise<AttachmentRef[]> {
    const list = await withRetry(() => this.build.getAttachments(project.id, buildId, ATTACHMENT_TYPE));
    const refs = list
      .map((a) => attachmentFromHref((a as unknown as { _links?: { self?: { href?: string } } })._links?.self?.href, a.name))
      .filter((a): a is AttachmentRef => a !== null)
      .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    if (list.length && !refs.length) throw new Error(`the build lists ${list.length} drcheck.posture attachment(s) without a usable link to download them`);
    return refs;
  }

  async downloadAttachment(project: ProjectRef, buildId: number, ref: AttachmentRef): Promise<string> {
    const buffer = await withRetry(() => this.build.getAttachment(project.id, buildId, ref.timelineId, ref.recordId, ATTACHMENT_TYPE, ref.name));
    return new TextDecoder('utf-8').decode(buffer);
  }
}
