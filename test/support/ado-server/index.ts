/**
 * A local stand-in for the Azure DevOps REST API on loopback, following the documented shapes as
 * azure-devops-node-api uses them: OPTIONS location look-ups per area, ResourceAreas, `{count, value}`
 * collections, and the Build (builds, attachments) and Git pull-request (iterations, statuses, threads,
 * comments) routes. Tests program faults (429 with Retry-After, 5xx, hangs, malformed bodies, 403).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInBuild {
  id: number;
  buildNumber: string;
  definitionId: number;
  sourceBranch: string;
  /** 'succeeded' | 'partiallySucceeded' | 'failed' */
  result: string;
  finishTime: string;
  attachments: Array<{ type: string; name: string; timelineId: string; recordId: string; content: string }>;
}

export interface StandInThread {
  id: number;
  status: number;
  isDeleted?: boolean;
  comments: Array<{ id: number; parentCommentId: number; content: string; commentType: number }>;
}

export interface Fault {
  /** Which route: 'statuses' | 'threads' | 'comments' | 'iterations' | 'builds' | 'attachments' | 'attachment' | 'options' */
  route: string;
  /** How many times it applies (default 1). */
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the client times out). */
  hang?: boolean;
}

export interface StandIn {
  url: string;
  token: string;
  builds: StandInBuild[];
  iterations: number[];
  statuses: Array<Record<string, unknown>>;
  threads: StandInThread[];
  requests: Array<{ method: string; path: string; auth: string | undefined; at: number }>;
  faults: Fault[];
  close(): Promise<void>;
}

const ROUTES = [
  { id: 'e81700f7-3be2-46de-8624-2eb35882fcaa', area: 'Location', resourceName: 'ResourceAreas', routeTemplate: '_apis/{resource}/{areaId}' },
  { id: 'd43911ee-6958-46b0-a42b-8445b8a0d004', area: 'git', resourceName: 'iterations', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{iterationId}' },
  { id: 'b5f6bb4f-8d1e-4d79-8d11-4c9172c99c35', area: 'git', resourceName: 'statuses', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{statusId}' },
  { id: 'ab6e2e5d-a0b7-4153-b64a-a4efe0d49449', area: 'git', resourceName: 'threads', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/{resource}/{threadId}' },
  { id: '965a3ec7-5ed8-455a-bdcb-835a5ea7fe7b', area: 'git', resourceName: 'comments', routeTemplate: '{project}/_apis/{area}/repositories/{repositoryId}/pullRequests/{pullRequestId}/threads/{threadId}/{resource}/{commentId}' },
  { id: '0cd358e1-9217-4d94-8269-1c1ee6f93dcf', area: 'build', resourceName: 'builds', routeTemplate: '{project}/_apis/{area}/{resource}/{buildId}' },
  { id: 'f2192269-89fa-4f94-baf6-8fb128c55159', area: 'build', resourceName: 'attachments', routeTemplate: '{project}/_apis/{area}/builds/{buildId}/{resource}/{type}' },
  { id: 'af5122d3-3438-485e-a25a-2dbbfde84ee6', area: 'build', resourceName: 'attachments', routeTemplate: '{project}/_apis/{area}/builds/{buildId}/{timelineId}/{recordId}/{resource}/{type}/{name}' },
].map((r) => ({ ...r, minVersion: '1.0', maxVersion: '7.2', releasedVersion: '7.1', resourceVersion: 1 }));

const RESULT: Record<string, number> = { succeeded: 2, partiallySucceeded: 4, failed: 8, canceled: 32 };

export async function startAdoServer(opts: { token?: string } = {}): Promise<StandIn> {
  const token = opts.token ?? 'stand-in-token-7f3c9a1e2b4d';
  const state: Omit<StandIn, 'url' | 'close'> = { token, builds: [], iterations: [1], statuses: [], threads: [], requests: [], faults: [] };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://stand-in');
      const path = decodeURIComponent(u.pathname);
      state.requests.push({ method: req.method ?? '', path, auth: req.headers.authorization, at: Date.now() });
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(typeof data === 'string' ? data : JSON.stringify(data));
      };
      const route = routeOf(req.method ?? '', path);
      const fault = state.faults.find((f) => f.route === route && (f.times ?? 1) > 0);
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.hang) {
          hanging.add(res);
          return;
        }
        return send(fault.status ?? 500, fault.body ?? { message: `stand-in fault ${fault.status}` }, fault.headers);
      }
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: 'TF400813: the user is not authorized' });
      if (req.method === 'OPTIONS') {
        const area = path.split('/').pop()!.toLowerCase();
        const value = ROUTES.filter((r) => r.area.toLowerCase() === area);
        return send(200, { count: value.length, value });
      }
      if (path.endsWith('/_apis/ResourceAreas')) return send(200, { count: 0, value: [] });
      let m: RegExpExecArray | null;
      // Build: list builds.
      if (req.method === 'GET' && (m = /\/_apis\/build\/builds$/.exec(path))) {
        const defs = (u.searchParams.get('definitions') ?? '').split(',').filter(Boolean).map(Number);
        const branch = u.searchParams.get('branchName');
        const value = state.builds
          .filter((b) => (!defs.length || defs.includes(b.definitionId)) && (!branch || b.sourceBranch === branch))
          .sort((a, b) => b.finishTime.localeCompare(a.finishTime))
          .map((b) => ({ id: b.id, buildNumber: b.buildNumber, definition: { id: b.definitionId }, sourceBranch: b.sourceBranch, status: 'completed', result: b.result, finishTime: b.finishTime }));
        return send(200, { count: value.length, value: value.slice(0, Number(u.searchParams.get('$top') ?? 100)) });
      }
      // Build: list attachments of a type.
      if (req.method === 'GET' && (m = /\/_apis\/build\/builds\/(\d+)\/attachments\/([^/]+)$/.exec(path))) {
        const b = state.builds.find((x) => x.id === Number(m![1]));
        const value = (b?.attachments ?? [])
          .filter((a) => a.type === m![2])
          .map((a) => ({ name: a.name, _links: { self: { href: `${baseUrl()}project/_apis/build/builds/${b!.id}/${a.timelineId}/${a.recordId}/attachments/${a.type}/${encodeURIComponent(a.name)}` } } }));
        return send(200, { count: value.length, value });
      }
      // Build: one attachment's content.
      if (req.method === 'GET' && (m = /\/_apis\/build\/builds\/(\d+)\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/([^/]+)\/([^/]+)$/.exec(path))) {
        const b = state.builds.find((x) => x.id === Number(m![1]));
        const a = b?.attachments.find((x) => x.timelineId === m![2] && x.recordId === m![3] && x.type === m![4] && x.name === m![5]);
        if (!a) return send(404, { message: 'attachment not found' });
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(a.content);
      }
      const pr = /\/_apis\/git\/repositories\/([^/]+)\/pullRequests\/(\d+)\/(.*)$/.exec(path);
      if (pr) {
        const rest = pr[3];
        if (req.method === 'GET' && rest === 'iterations') return send(200, { count: state.iterations.length, value: state.iterations.map((id) => ({ id })) });
        if (req.method === 'POST' && rest === 'statuses') {
          const status = { id: state.statuses.length + 1, ...JSON.parse(body) };
          state.statuses.push(status);
          return send(200, status);
        }
        if (req.method === 'GET' && rest === 'threads') return send(200, { count: state.threads.length, value: state.threads });
        if (req.method === 'POST' && rest === 'threads') {
          const input = JSON.parse(body);
          const thread: StandInThread = { id: state.threads.length + 100, status: input.status, comments: input.comments.map((c: Record<string, unknown>, i: number) => ({ id: i + 1, ...c })) };
          state.threads.push(thread);
          return send(200, thread);
        }
        if ((m = /^threads\/(\d+)$/.exec(rest)) && req.method === 'PATCH') {
          const t = state.threads.find((x) => x.id === Number(m![1]));
          if (!t) return send(404, { message: 'thread not found' });
          Object.assign(t, JSON.parse(body));
          return send(200, t);
        }
        if ((m = /^threads\/(\d+)\/comments\/(\d+)$/.exec(rest)) && req.method === 'PATCH') {
          const t = state.threads.find((x) => x.id === Number(m![1]));
          const c = t?.comments.find((x) => x.id === Number(m![2]));
          if (!c) return send(404, { message: 'comment not found' });
          Object.assign(c, JSON.parse(body));
          return send(200, c);
        }
      }
      send(404, { message: `stand-in has no route for ${req.method} ${path}` });
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

function routeOf(method: string, path: string): string {
  if (method === 'OPTIONS') return 'options';
  if (/\/pullRequests\/\d+\/statuses$/.test(path)) return 'statuses';
  if (/\/pullRequests\/\d+\/iterations$/.test(path)) return 'iterations';
  if (/\/threads\/\d+\/comments\/\d+$/.test(path)) return 'comments';
  if (/\/pullRequests\/\d+\/threads(\/\d+)?$/.test(path)) return 'threads';
  if (/\/_apis\/build\/builds$/.test(path)) return 'builds';
  if (/\/attachments\/[^/]+$/.test(path) && !/[0-9a-f-]{36}\/attachments/.test(path)) return 'attachments';
  if (/[0-9a-f-]{36}\/attachments\//.test(path)) return 'attachment';
  return 'other';
}

/** The numeric result the Build API uses, for tests that check what was asked. */
export const BUILD_RESULT = RESULT;
