/**
 * A local stand-in for the Azure DevOps REST API on loopback, following the documented shapes as
 * azure-devops-node-api uses them: OPTIONS location look-ups per area, ResourceAreas, connectionData,
 * `{count, value}` collections, and the Build (builds, definitions, attachments) and Git pull-request
 * (iterations, statuses, threads, comments) routes. Like the service, it checks the bearer token, rejects
 * bodies without the required fields (400), and lets only a comment's author edit it (403).
 * Tests program faults per route: 429 with Retry-After, 5xx, hangs (timeouts), malformed bodies, 403.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInBuild {
  id: number;
  buildNumber: string;
  definitionId: number;
  sourceBranch: string;
  /** 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled' */
  result: string;
  finishTime: string;
  attachments: Array<{ type: string; name: string; timelineId: string; recordId: string; content: string }>;
}

export interface Identity {
  id: string;
  displayName: string;
  uniqueName: string;
}

export interface StandInComment {
  id: number;
  parentCommentId: number;
  content: string;
  commentType: number | string;
  author: Identity;
}

export interface StandInThread {
  id: number;
  status: number | string;
  isDeleted?: boolean;
  comments: StandInComment[];
}

export interface Fault {
  /** Which route: 'statuses' | 'threads' | 'comments' | 'iterations' | 'builds' | 'definitions' | 'attachments' | 'attachment' | 'connectionData' | 'options' */
  route: string;
  /** Only requests with this method (default any). */
  method?: string;
  /** How many times it applies (default 1). */
  times?: number;
  status?: number;
  /** Response headers, or a function computing them when the fault fires (e.g. an HTTP-date Retry-After). */
  headers?: Record<string, string> | (() => Record<string, string>);
  body?: string | object;
  /** Never answer (the client times out). */
  hang?: boolean;
}

export interface StandInRequest {
  method: string;
  path: string;
  route: string;
  auth: string | undefined;
  accept: string | undefined;
  body: string;
  at: number;
}

export interface StandIn {
  url: string;
  token: string;
  /** The identity the job token acts as (the project's build service). */
  buildService: Identity;
  builds: StandInBuild[];
  definitions: Array<{ id: number; name: string }>;
  iterations: number[];
  statuses: Array<Record<string, unknown>>;
  threads: StandInThread[];
  requests: StandInRequest[];
  faults: Fault[];
  close(): Promise<void>;
}

const route = (id: string, area: string, resourceName: string, routeTemplate: string) => ({ id, area, resourceName, routeTemplate, minVersion: '1.0', maxVersion: '7.2', releasedVersion: '7.1', resourceVersion: 1 });

/** The location ids azure-devops-node-api asks for (api/GitApi.ts, api/BuildApi.ts, api/LocationsApi.ts). */
const LOCATIONS = [
  route('e81700f7-3be2-46de-8624-2eb35882fcaa', 'Location', 'ResourceAreas', '_apis/{resource}/{areaId}'),
  route('00d9565f-ed9c-4a06-9a50-00e7896ccab4', 'Location', 'ConnectionData', '_apis/{resource}'),
  route('d43911ee-6958-46b0-a42b-8445b8a0d004', 'git', 'iterations', '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{iterationId}'),
  route('b5f6bb4f-8d1e-4d79-8d11-4c9172c99c35', 'git', 'statuses', '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{statusId}'),
  route('ab6e2e5d-a0b7-4153-b64a-a4efe0d49449', 'git', 'threads', '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{threadId}'),
  route('965a3ec7-5ed8-455a-bdcb-835a5ea7fe7b', 'git', 'comments', '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/threads/{threadId}/{resource}/{commentId}'),
  route('0cd358e1-9217-4d94-8269-1c1ee6f93dcf', 'build', 'builds', '{project}/_apis/{area}/{resource}/{buildId}'),
  route('dbeaf647-6167-421a-bda9-c9327b25e2e6', 'build', 'definitions', '{project}/_apis/{area}/{resource}/{definitionId}'),
  route('f2192269-89fa-4f94-baf6-8fb128c55159', 'build', 'attachments', '{project}/_apis/{area}/builds/{buildId}/{resource}/{type}'),
  route('af5122d3-3438-485e-a25a-2dbbfde84ee6', 'build', 'attachments', '{project}/_apis/{area}/builds/{buildId}/{timelineId}/{recordId}/{resource}/{type}/{name}'),
];

/** Which route a request is, for faults and assertions. */
export function routeOf(method: string, path: string): string {
  if (method === 'OPTIONS') return 'options';
  if (/\/_apis\/connectionData$/i.test(path)) return 'connectionData';
  if (/\/_apis\/ResourceAreas$/i.test(path)) return 'resourceAreas';
  if (/\/pullRequests\/\d+\/statuses$/.test(path)) return 'statuses';
  if (/\/pullRequests\/\d+\/iterations$/.test(path)) return 'iterations';
  if (/\/threads\/\d+\/comments(\/\d+)?$/.test(path)) return 'comments';
  if (/\/pullRequests\/\d+\/threads(\/\d+)?$/.test(path)) return 'threads';
  if (/\/_apis\/build\/builds$/.test(path)) return 'builds';
  if (/\/_apis\/build\/definitions$/.test(path)) return 'definitions';
  if (/\/builds\/\d+\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/attachments\//.test(path)) return 'attachment';
  if (/\/builds\/\d+\/attachments\/[^/]+$/.test(path)) return 'attachments';
  return 'other';
}

export async function startAdoServer(opts: { token?: string } = {}): Promise<StandIn> {
  // Not 52 characters and not the new PAT shape, so the client sends it as a bearer token (§6.3).
  const token = opts.token ?? 'stand-in-job-token-7f3c9a1e2b4d';
  const buildService: Identity = { id: '0b2c8a39-1d84-4a0e-9c3f-5e7b6a4d2c11', displayName: 'Contoso Build Service (contoso)', uniqueName: 'build-service@contoso' };
  const state = {
    token,
    buildService,
    builds: [] as StandInBuild[],
    definitions: [] as Array<{ id: number; name: string }>,
    iterations: [1],
    statuses: [] as Array<Record<string, unknown>>,
    threads: [] as StandInThread[],
    requests: [] as StandInRequest[],
    faults: [] as Fault[],
  };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://stand-in');
      const path = decodeURIComponent(u.pathname);
      const method = req.method ?? '';
      const which = routeOf(method, path);
      state.requests.push({ method, path, route: which, auth: req.headers.authorization, accept: req.headers.accept, body, at: Date.now() });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(typeof data === 'string' ? data : JSON.stringify(data));
      };
      const fault = state.faults.find((f) => f.route === which && (!f.method || f.method === method) && (f.times ?? 1) > 0);
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.hang) {
          hanging.add(res);
          return;
        }
        const headers = typeof fault.headers === 'function' ? fault.headers() : fault.headers;
        return send(fault.status ?? 500, fault.body ?? { message: `stand-in fault ${fault.status ?? 500}`, typeKey: 'StandInFault' }, headers);
      }
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'TF400813: The user is not authorized to access this resource.' });
      let input: Record<string, unknown> = {};
      if (body) {
        try {
          input = JSON.parse(body);
        } catch {
          return send(400, { message: 'The request body is not valid JSON.' });
        }
      }
      if (method === 'OPTIONS') {
        const area = path.split('/').pop()!.toLowerCase();
        const value = LOCATIONS.filter((r) => r.area.toLowerCase() === area);
        return send(200, { count: value.length, value });
      }
      if (which === 'resourceAreas') return send(200, { count: 0, value: [] });
      if (which === 'connectionData') return send(200, { authenticatedUser: { id: buildService.id, providerDisplayName: buildService.displayName }, authorizedUser: { id: buildService.id, providerDisplayName: buildService.displayName }, instanceId: '11111111-0000-4000-8000-000000000000' });

      let m: RegExpExecArray | null;
      if (method === 'GET' && which === 'builds') {
        const defs = (u.searchParams.get('definitions') ?? '').split(',').filter(Boolean).map(Number);
        const branch = u.searchParams.get('branchName');
        const value = state.builds
          .filter((b) => (!defs.length || defs.includes(b.definitionId)) && (!branch || b.sourceBranch === branch))
          .sort((a, b) => b.finishTime.localeCompare(a.finishTime))
          .map((b) => ({ id: b.id, buildNumber: b.buildNumber, definition: { id: b.definitionId }, sourceBranch: b.sourceBranch, status: 'completed', result: b.result, finishTime: b.finishTime }));
        return send(200, { count: value.length, value: value.slice(0, Number(u.searchParams.get('$top') ?? 1000)) });
      }
      if (method === 'GET' && which === 'definitions') {
        const name = u.searchParams.get('name');
        const value = state.definitions.filter((d) => !name || d.name.toLowerCase() === name.toLowerCase());
        return send(200, { count: value.length, value });
      }
      if (method === 'GET' && which === 'attachments' && (m = /\/builds\/(\d+)\/attachments\/([^/]+)$/.exec(path))) {
        const b = state.builds.find((x) => x.id === Number(m![1]));
        const value = (b?.attachments ?? [])
          .filter((a) => a.type === m![2])
          .map((a) => ({ name: a.name, _links: { self: { href: `${baseUrl()}Contoso/_apis/build/builds/${b!.id}/${a.timelineId}/${a.recordId}/attachments/${a.type}/${encodeURIComponent(a.name)}` } } }));
        return send(200, { count: value.length, value });
      }
      if (method === 'GET' && which === 'attachment' && (m = /\/builds\/(\d+)\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/([^/]+)\/([^/]+)$/.exec(path))) {
        const b = state.builds.find((x) => x.id === Number(m![1]));
        const a = b?.attachments.find((x) => x.timelineId === m![2] && x.recordId === m![3] && x.type === m![4] && x.name === m![5]);
        if (!a) return send(404, { message: 'attachment not found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(a.content);
      }
      const pr = /\/_apis\/git\/repositories\/([^/]+)\/pullRequests\/(\d+)\/(.*)$/.exec(path);
      if (pr) {
        const rest = pr[3];
        if (method === 'GET' && rest === 'iterations') return send(200, { count: state.iterations.length, value: state.iterations.map((id) => ({ id, description: `push ${id}` })) });
        if (method === 'POST' && rest === 'statuses') {
          const ctx = input.context as { name?: string } | undefined;
          if (!ctx?.name) return send(400, { message: 'VS403381: context.name is required' });
          const status = { id: state.statuses.length + 1, ...input, createdBy: buildService, creationDate: new Date().toISOString() };
          state.statuses.push(status);
          return send(200, status);
        }
        if (method === 'GET' && rest === 'threads') return send(200, { count: state.threads.length, value: state.threads });
        if (method === 'POST' && rest === 'threads') {
          const comments = input.comments as Array<Record<string, unknown>> | undefined;
          if (!Array.isArray(comments) || !comments.length || typeof comments[0].content !== 'string') return send(400, { message: 'A thread needs at least one comment with content' });
          const thread: StandInThread = { id: state.threads.length + 100, status: input.status as number, comments: comments.map((c, i) => ({ id: i + 1, parentCommentId: Number(c.parentCommentId ?? 0), content: String(c.content), commentType: c.commentType as number, author: buildService })) };
          state.threads.push(thread);
          return send(200, thread);
        }
        if ((m = /^threads\/(\d+)$/.exec(rest)) && method === 'PATCH') {
          const t = state.threads.find((x) => x.id === Number(m![1]));
          if (!t) return send(404, { message: 'thread not found' });
          if (input.status !== undefined) t.status = input.status as number;
          return send(200, t);
        }
        if ((m = /^threads\/(\d+)\/comments\/(\d+)$/.exec(rest)) && method === 'PATCH') {
          const t = state.threads.find((x) => x.id === Number(m![1]));
          const c = t?.comments.find((x) => x.id === Number(m![2]));
          if (!c) return send(404, { message: 'comment not found' });
          if (c.author.id !== buildService.id) return send(403, { message: 'TF401181: You can only edit your own comments.' });
          if (typeof input.content !== 'string') return send(400, { message: 'content is required' });
          c.content = input.content;
          return send(200, c);
        }
      }
      send(404, { message: `stand-in has no route for ${method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/org/`;
  return Object.assign(state, {
    url: baseUrl(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
