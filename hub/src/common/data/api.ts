/**
 * What the hub's data layer needs from Azure DevOps, as a narrow interface: the browser implementation
 * (`rest.ts`) wraps azure-devops-extension-api's Build and Core clients; tests in Node pass a fake.
 * Nothing here imports the SDK, so the loading logic runs (and is tested) outside a browser too.
 */

export interface ProjectRef {
  id: string;
  name: string;
}

/** A completed build, reduced to what the hub shows and keys on. */
export interface BuildInfo {
  id: number;
  buildNumber: string;
  definitionId: number;
  definitionName: string;
  /** Full ref, e.g. `refs/heads/main`. */
  branch: string;
  finishTime: Date | null;
  project: ProjectRef;
  /** The build's results page, https only (null when unknown). */
  webUrl: string | null;
}

/** One `drcheck.posture` attachment of a build: its name and the timeline record that added it. */
export interface AttachmentRef {
  name: string;
  timelineId: string;
  recordId: string;
}

export interface BuildQuery {
  definitions?: number[];
  branch?: string;
  /** The server keeps at most this many builds per pipeline (newest first). */
  maxPerDefinition?: number;
  top?: number;
  continuationToken?: string;
}

export interface BuildPage {
  builds: BuildInfo[];
  continuationToken?: string;
}

export interface PostureApi {
  /** Projects of the organisation (all pages). */
  listProjects(): Promise<ProjectRef[]>;
  /** One page of completed builds that ran DrCheck@1 (tag `drcheck`), newest first. */
  listBuilds(project: ProjectRef, query: BuildQuery): Promise<BuildPage>;
  /** The repository default branch of each pipeline (pipelines the server does not return are absent). */
  defaultBranches(project: ProjectRef, definitionIds: number[]): Promise<Map<number, string>>;
  /** The `drcheck.posture` attachments of a build. */
  listAttachments(project: ProjectRef, buildId: number): Promise<AttachmentRef[]>;
  /** The text of one attachment. */
  downloadAttachment(project: ProjectRef, buildId: number, ref: AttachmentRef): Promise<string>;
}

/** The tag DrCheck@1 puts on builds that attached a posture. */
export const POSTURE_TAG = 'drcheck';

/** An HTTP failure from Azure DevOps, with the status when there was a response. */
export interface HttpFailure {
  status?: number;
  message?: string;
  name?: string;
  serverError?: { message?: string; typeKey?: string };
}

/** A sentence for people about a failed call; `what` says what was being done ("listing builds in Contoso"). */
export function describeFailure(e: unknown, what: string): string {
  const err = (e ?? {}) as HttpFailure;
  const server = err.serverError?.message ?? err.message ?? String(e);
  switch (err.status) {
    case 401:
    case 403:
      return `You do not have permission for ${what} (HTTP ${err.status}). Ask a project administrator for the "View builds" permission.`;
    case 404:
      return `${capitalise(what)} failed: not found (HTTP 404). ${server}`.trim();
    case 429:
      return `${capitalise(what)} failed: Azure DevOps is throttling requests (HTTP 429). Try again in a minute.`;
    default:
      if (err.name === 'NetworkException') return `${capitalise(what)} failed: Azure DevOps could not be reached. Check your connection and try again.`;
      return `${capitalise(what)} failed${err.status ? ` (HTTP ${err.status})` : ''}: ${server}`;
  }
}

export function isPermissionFailure(e: unknown): boolean {
  const status = (e as HttpFailure | undefined)?.status;
  return status === 401 || status === 403;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Parses the timeline and record ids out of an attachment's `_links.self.href` (…/builds/{id}/{timelineId}/{recordId}/attachments/{type}/{name}). */
export function attachmentFromHref(href: string | undefined, fallbackName: string): AttachmentRef | null {
  if (!href) return null;
  const m = /\/builds\/\d+\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/[^/]+\/([^/?#]+)/i.exec(href);
  if (!m) return null;
  let name = fallbackName;
  try {
    name = decodeURIComponent(m[3]);
  } catch {
    // keep the listed name
  }
  return { timelineId: m[1], recordId: m[2], name };
}

/** `/Date(ms)/` (msDateFormat), ISO text or a Date, as a Date (null when absent or invalid). */
export function toDate(d: unknown): Date | null {
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? null : d;
  if (typeof d !== 'string' || !d) return null;
  const ms = /^\/Date\((-?\d+)\)\/$/.exec(d);
  const date = ms ? new Date(Number(ms[1])) : new Date(d);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Only https links leave the hub (report text and REST fields are untrusted). */
export function httpsOnly(url: string | null | undefined): string | null {
  if (!url || !/^https:\/\/[^\s]+$/i.test(url)) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
