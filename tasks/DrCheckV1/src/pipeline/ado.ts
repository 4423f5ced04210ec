/**
 * The connection to Azure DevOps through azure-devops-node-api, with the job's access token, and the
 * retry policy every call goes through: backoff on 429 and 5xx (honouring Retry-After) and on timeouts.
 */
import * as tl from 'azure-pipelines-task-lib/task';
import { getBearerHandler, WebApi } from 'azure-devops-node-api';

export interface Connection {
  api: WebApi;
  collectionUri: string;
}

/**
 * The SystemVssConnection endpoint's token. `getEndpointAuthorization` does not echo it to the log (unlike
 * getVariable('System.AccessToken') or getEndpointAuthorizationParameter), and it is registered as a secret at once.
 */
let cached: Connection | undefined;

export function connect(collectionUriHint: string | undefined): Connection | { error: string } {
  if (cached) return cached;
  const auth = tl.getEndpointAuthorization('SYSTEMVSSCONNECTION', true);
  const token = auth?.parameters?.AccessToken;
  if (!token) return { error: "no access token: enable 'Allow scripts to access the OAuth token' (classic) or run in a YAML pipeline (System.AccessToken is available to tasks there)" };
  // The agent already masks the job token (it is the secret variable System.AccessToken); calling
  // tl.setSecret would print it once more on stdout in a setsecret command, so it is not called.
  const url = tl.getEndpointUrl('SYSTEMVSSCONNECTION', true) || collectionUriHint;
  if (!url) return { error: 'the collection URL is not known (SystemVssConnection has no URL)' };
  const timeout = Number(process.env.DRCHECK_HTTP_TIMEOUT_MS) || 30_000;
  // Bearer explicitly: the job token is an OAuth token, whatever its length.
  const api = new WebApi(url, getBearerHandler(token), { keepAlive: true, socketTimeout: timeout, allowRetries: false });
  cached = { api, collectionUri: url };
  return cached;
}

export class RestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
  ) {
    super(message);
  }
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one REST call with retries. `what` names the call in messages ("posting the PR status"). */
export async function withRetry<T>(what: string, call: () => Promise<T>, opts: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 4;
  const base = opts.baseDelayMs ?? Number(process.env.DRCHECK_RETRY_BASE_MS ?? 500);
  const max = opts.maxDelayMs ?? 30_000;
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await call();
    } catch (e) {
      last = e;
      const err = e as { statusCode?: number; code?: string; message?: string; rateLimit?: { retryAfter?: number } };
      const timedOut = err.code === 'ECONNRESET' || err.code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '');
      const retryable = (err.statusCode !== undefined && RETRYABLE.has(err.statusCode)) || timedOut || err.code === 'ECONNREFUSED';
      if (!retryable || attempt === attempts) break;
      const retryAfter = err.rateLimit?.retryAfter;
      const delay = Math.min(max, retryAfter !== undefined && Number.isFinite(retryAfter) ? retryAfter * 1000 : base * 2 ** (attempt - 1));
      tl.debug(`${what}: attempt ${attempt} failed (${err.statusCode ?? err.code ?? 'error'}); retrying in ${delay} ms`);
      await sleep(delay);
    }
  }
  throw explain(what, last);
}

/** A list the API must return; anything else (an HTML error page, a proxy's answer) is a malformed response. */
export function expectArray<T>(what: string, value: T[] | null | undefined): T[] {
  if (!Array.isArray(value)) throw new RestError(`${what} failed: the response was not the JSON list the REST API documents`, undefined);
  return value;
}

/** A REST failure as one actionable sentence. */
export function explain(what: string, e: unknown): RestError {
  const err = e as { statusCode?: number; message?: string };
  const status = err.statusCode;
  let advice = '';
  if (status === 401) advice = ': the job access token was refused';
  else if (status === 403) advice = ": the build service identity lacks permission. Give '<Project> Build Service (<org>)' the 'Contribute to pull requests' permission on the repository (Project settings → Repositories → Security)";
  else if (status === 404) advice = ': not found (check that the pipeline, repository and pull request exist and that the job authorization scope includes them)';
  else if (status === 429) advice = ': Azure DevOps kept throttling the requests';
  else if (status !== undefined && status >= 500) advice = ': Azure DevOps answered with a server error';
  const detail = (err.message ?? String(e)).split('\n')[0].slice(0, 300);
  return new RestError(`${what} failed${status ? ` (HTTP ${status})` : ''}${advice}${detail && !advice ? `: ${detail}` : ''}`, status);
}
