/**
 * The connection to Azure DevOps through azure-devops-node-api with the job's access token, and the
 * retry policy every REST call goes through: backoff on 429, 5xx and timeouts (honouring Retry-After),
 * inside one time budget for the whole task, and failures explained in one actionable sentence.
 */
import * as tl from 'azure-pipelines-task-lib/task';
import { getBearerHandler, WebApi } from 'azure-devops-node-api';

/** What to grant when a call gets 403, per kind of call. */
export const PERMISSION = {
  pullRequest: "'Contribute to pull requests' on the repository (Project settings > Repositories > the repository > Security)",
  builds: "'View builds' on this pipeline (Pipelines > the pipeline > Manage security)",
} as const;

export interface Connection {
  api: WebApi;
  collectionUri: string;
}

let cached: Connection | undefined;
/** When the REST budget runs out (set on first connect). */
let deadline = 0;

const envNumber = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/**
 * Connects with the SystemVssConnection endpoint's token. `getEndpointAuthorization` does not echo the
 * token to the log (unlike `getVariable('System.AccessToken')` or `getEndpointAuthorizationParameter`,
 * which debug-print values). The token is registered with the agent's secret masker at once.
 */
export function connect(collectionUriHint: string | undefined): Connection | { error: string } {
  if (cached) return cached;
  let token: string | undefined;
  try {
    token = tl.getEndpointAuthorization('SYSTEMVSSCONNECTION', true)?.parameters?.AccessToken;
  } catch {
    // task-lib's own message for malformed authorization JSON quotes the raw value: never print it.
    return { error: 'the SystemVssConnection authorization the agent passed is malformed' };
  }
  if (!token) return { error: "no job access token: in a classic pipeline enable 'Allow scripts to access the OAuth token' on the agent job; YAML pipelines have it" };
  tl.setSecret(token);
  const url = tl.getEndpointUrl('SYSTEMVSSCONNECTION', true) || collectionUriHint;
  if (!url) return { error: 'the collection URL is not known (SystemVssConnection has no URL)' };
  const socketTimeout = envNumber('DRCHECK_HTTP_TIMEOUT_MS', 30_000);
  deadline = Date.now() + envNumber('DRCHECK_REST_BUDGET_MS', 180_000);
  // Bearer explicitly: the job token is an OAuth token, whatever its length (getHandlerFromToken guesses by length).
  // keepAlive: Node 19+'s global agent closes idle sockets after 5 s. Retries are ours (withRetry), not the client's.
  const api = new WebApi(url, getBearerHandler(token), { keepAlive: true, socketTimeout, allowRetries: false });
  cached = { api, collectionUri: url };
  return cached;
}

/** The identity the job token acts as (the build service), to recognise our own PR comments. Undefined if unknown. */
export async function authenticatedIdentity(conn: Connection): Promise<string | undefined> {
  try {
    const data = await withRetry('reading the connection data', () => conn.api.connect(), { attempts: 2 });
    const id = data?.authenticatedUser?.id;
    return typeof id === 'string' && id ? id.toLowerCase() : undefined;
  } catch (e) {
    tl.debug(`connection data not available: ${(e as Error).message}`);
    return undefined;
  }
}

export class RestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
  ) {
    super(message);
    this.name = 'RestError';
  }
}

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const NETWORK_RETRYABLE = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'ESOCKETTIMEDOUT', 'EAI_AGAIN']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ClientError {
  statusCode?: number;
  code?: string;
  message?: string;
  rateLimit?: { retryAfter?: number; delay?: number };
  responseHeaders?: Record<string, string | string[] | undefined>;
}

/** Retry-After as seconds or an HTTP date (RFC 9110), in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(err: ClientError, now = Date.now()): number | undefined {
  const raw = err.responseHeaders?.['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value !== undefined && value.trim() !== '') {
    if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim()) * 1000;
    const at = Date.parse(value);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const parsed = err.rateLimit?.retryAfter;
  return parsed !== undefined && Number.isFinite(parsed) ? parsed * 1000 : undefined;
}

export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** What a 403 on this call means for the user (the permission to grant). */
  permission?: string;
}

/** Runs one REST call with retries. `what` names the call in messages ("posting the pull request status"). */
export async function withRetry<T>(what: string, call: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? envNumber('DRCHECK_RETRY_BASE_MS', 1000);
  const max = opts.maxDelayMs ?? 60_000;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt === 1 && deadline && Date.now() >= deadline) {
      throw new RestError(`${what} skipped: the time allowed for Azure DevOps calls (${Math.round(envNumber('DRCHECK_REST_BUDGET_MS', 180_000) / 1000)} s) is spent`, undefined);
    }
    try {
      return await call();
    } catch (e) {
      last = e;
      const err = e as ClientError;
      const timedOut = (err.code !== undefined && NETWORK_RETRYABLE.has(err.code)) || /timeout|socket hang up/i.test(err.message ?? '');
      const retryable = (err.statusCode !== undefined && RETRYABLE.has(err.statusCode)) || (err.statusCode === undefined && timedOut);
      if (!retryable || attempt === attempts) break;
      const asked = retryAfterMs(err);
      const backoff = base * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
      const delay = Math.min(max, asked ?? backoff);
      if (deadline && Date.now() + delay > deadline) {
        tl.debug(`${what}: not retrying, the REST time budget would be exceeded`);
        break;
      }
      tl.debug(`${what}: attempt ${attempt} failed (${err.statusCode ?? err.code ?? 'error'}); retrying in ${Math.round(delay)} ms`);
      await sleep(delay);
    }
  }
  throw explain(what, last, opts.permission);
}

/** A list the API must return; anything else (an HTML error page, a proxy's answer) is a malformed response. */
export function expectArray<T>(what: string, value: T[] | null | undefined): T[] {
  if (!Array.isArray(value)) throw new RestError(`${what} failed: the response was not the JSON list the REST API documents`, undefined);
  return value;
}

/** A REST failure as one actionable sentence: what failed, the HTTP status, the server's words, and what to do. */
export function explain(what: string, e: unknown, permission?: string): RestError {
  if (e instanceof RestError) return e;
  const err = (e ?? {}) as ClientError;
  const status = err.statusCode;
  let advice = '';
  if (status === 401) advice = 'the job access token was refused';
  else if (status === 403) advice = `the build service identity lacks permission: give '<Project> Build Service (<org>)' (or 'Project Collection Build Service (<org>)' when the job authorization scope is the collection) ${permission ?? 'the permission this call needs'}`;
  else if (status === 404) advice = 'not found: check that the pipeline, repository and pull request exist and that the job authorization scope includes them';
  else if (status === 429) advice = 'Azure DevOps kept throttling the requests';
  else if (status !== undefined && status >= 500) advice = 'Azure DevOps answered with a server error';
  else if (status === undefined && err.code) advice = `network error ${err.code}`;
  else if (/timeout/i.test(err.message ?? '')) advice = 'no answer in time';
  // The server's own words (e.g. "TF401027: You need the Git 'PullRequestContribute' permission"), first line only.
  const detail = (err.message ?? (e === undefined ? '' : String(e))).split('\n')[0].slice(0, 300).trim().replace(/\.+$/, '');
  // typed-rest-client uses a non-JSON body (an HTML error page) as the message: not worth repeating.
  const useful = detail && !advice.includes(detail) && !/^Failed request: \(\d+\)$/.test(detail) && !detail.startsWith('<') ? detail : '';
  const text = useful && advice ? `${useful}. ${advice[0].toUpperCase()}${advice.slice(1)}` : useful || advice;
  return new RestError(`${what} failed${status ? ` (HTTP ${status})` : ''}${text ? `: ${text}` : ''}`, status);
}
