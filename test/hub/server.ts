/**
 * Two loopback servers for the hub's browser tests and benchmark:
 * - the page server: the test host page (`/host/`) and the built hub (`/ext/…` from dist/hub);
 * - the REST stand-in, on another origin (so every call is a CORS request, as in the portal), answering the
 *   Build and Core routes as Azure DevOps answers azure-devops-extension-api's web client: preflights that allow
 *   its headers and expose `x-ms-continuationtoken`, bare arrays when Accept says `noArrayWrap=true`,
 *   `/Date(ms)/` dates for `msDateFormat=true`, numeric enums, paging by continuation token, builds filtered by
 *   tag, status, pipelines, branch and `maxBuildsPerDefinition`, attachments listed with a `_links.self.href`
 *   that the client then fetches. Faults are injectable per project, pipeline and build.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface StandInProject {
  id: string;
  name: string;
  /** HTTP status every build call in this project answers with (e.g. 403). */
  status?: number;
}

export interface StandInDefinition {
  id: number;
  name: string;
  project: string;
  defaultBranch: string;
}

export interface StandInBuild {
  id: number;
  project: string;
  definitionId: number;
  buildNumber: string;
  branch: string;
  finishTime: Date;
  /** Tags; DrCheck@1 adds `drcheck` when it attached a posture. */
  tags: string[];
  attachments: Array<{ name: string; text: string }>;
  /** 1 = Manual, 2 = IndividualCI, 256 = PullRequest. */
  reason?: number;
  /** 2 = succeeded, 8 = failed. */
  result?: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  authorization: string;
  origin: string;
}

export interface StandIn {
  pageUrl: string;
  restUrl: string;
  projects: StandInProject[];
  definitions: StandInDefinition[];
  builds: StandInBuild[];
  requests: RequestRecord[];
  /** Page size for build lists (Azure DevOps pages at 1000 by default). */
  pageSize: number;
  /** Delay added to every REST answer, in ms. */
  delayMs: number;
  /** Attachments (build id) answered with HTTP 500. */
  failingDownloads: Set<number>;
  hostUrl(query?: Record<string, string>): string;
  close(): Promise<void>;
}

const REPO = path.resolve(__dirname, '../..');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.png': 'image/png', '.svg': 'image/svg+xml' };
const TIMELINE = 'a1b2c3d4-0000-4000-8000-0000000000aa';
const RECORD = 'f1e2d3c4-0000-4000-8000-0000000000bb';
export const TOKEN = 'hub-test-token';
const ALLOWED_HEADERS = 'authorization, accept, content-type, x-vss-reauthenticationaction, x-tfs-fedauthredirect, x-tfs-session, x-vss-clientauthprovider, x-tfs-fedauthredirect';

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startStandIn(hostBundle: string): Promise<StandIn> {
  const state = {
    projects: [{ id: 'b7a1c3d4-0000-4000-8000-00000000c0de', name: 'Contoso' }] as StandInProject[],
    definitions: [] as StandInDefinition[],
    builds: [] as StandInBuild[],
    requests: [] as RequestRecord[],
    pageSize: 1000,
    delayMs: 0,
    failingDownloads: new Set<number>(),
  };

  const pages = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/host/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Azure DevOps</title></head><body style="margin:0"><script src="/host/host.js"></script></body></html>');
    }
    if (u.pathname === '/host/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(hostBundle);
    }
    if (u.pathname.startsWith('/ext/')) {
      const file = path.join(REPO, 'dist/hub', path.basename(u.pathname));
      if (fs.existsSync(file)) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
        return res.end(fs.readFileSync(file));
      }
    }
    res.writeHead(404);
    res.end('not found');
  });

  let restUrl = '';
  const rest = http.createServer((req, res) => {
    const origin = String(req.headers.origin ?? '');
    const cors = { 'access-control-allow-origin': origin || '*', 'access-control-expose-headers': 'x-ms-continuationtoken', vary: 'Origin' };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600' });
      return res.end();
    }
    const u = new URL(req.url ?? '/', 'http://x');
    const accept = String(req.headers.accept ?? '');
    state.requests.push({ method: req.method ?? '', path: decodeURIComponent(u.pathname), query: Object.fromEntries(u.searchParams), accept, authorization: String(req.headers.authorization ?? ''), origin });
    const bare = /noArrayWrap=true/i.test(accept);
    const msDate = /msDateFormat=true/i.test(accept);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      setTimeout(() => {
        res.writeHead(status, { ...cors, 'content-type': typeof body === 'string' ? 'application/octet-stream' : 'application/json; charset=utf-8', ...headers });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      }, state.delayMs);
    const list = (items: unknown[], token?: string) => send(200, bare ? items : { count: items.length, value: items }, token ? { 'x-ms-continuationtoken': token } : {});
    const date = (d: Date) => (msDate ? `/Date(${d.getTime()})/` : d.toISOString());
    const fault = (status: number) => send(status, { $id: '1', message: status === 403 ? 'TF401027: You need the Build permission View builds to perform this action.' : `Stand-in failure ${status}`, typeKey: 'AccessCheckException' });

    if (req.headers.authorization !== `Bearer ${TOKEN}`) return fault(401);
    const project = (idOrName: string) => state.projects.find((p) => p.id === idOrName || p.name === idOrName);
    let m: RegExpExecArray | null;

    if (u.pathname === '/org/_apis/projects') {
      const top = Number(u.searchParams.get('$top') ?? 100);
      const skip = Number(u.searchParams.get('continuationToken') ?? 0);
      const page = state.projects.slice(skip, skip + top);
      return list(
        page.map((p) => ({ id: p.id, name: p.name, state: 1, visibility: 0 })),
        skip + top < state.projects.length ? String(skip + top) : undefined,
      );
    }
    if ((m = /^\/org\/([^/]+)\/_apis\/build\/builds$/.exec(u.pathname))) {
      const p = project(decodeURIComponent(m[1]));
      if (!p) return fault(404);
      if (p.status) return fault(p.status);
      const q = u.searchParams;
      const tags = q.get('tagFilters')?.split(',') ?? [];
      const defs = q.get('definitions')?.split(',').map(Number);
      const branch = q.get('branchName');
      const perDefinition = q.get('maxBuildsPerDefinition') ? Number(q.get('maxBuildsPerDefinition')) : Infinity;
      const top = Math.min(Number(q.get('$top') ?? state.pageSize), state.pageSize);
      const skip = Number(q.get('continuationToken') ?? 0);
      if (q.get('statusFilter') !== '2') return send(400, { message: `the stand-in expects statusFilter=2 (completed), got ${q.get('statusFilter')}` });
      if (q.get('queryOrder') !== '3') return send(400, { message: `the stand-in expects queryOrder=3 (finish time descending), got ${q.get('queryOrder')}` });
      const perDef = new Map<number, number>();
      const matching = state.builds
        .filter((b) => b.project === p.name && tags.every((t) => b.tags.includes(t)) && (!defs || defs.includes(b.definitionId)) && (!branch || b.branch === branch))
        .sort((a, b) => b.finishTime.getTime() - a.finishTime.getTime())
        .filter((b) => {
          const n = (perDef.get(b.definitionId) ?? 0) + 1;
          perDef.set(b.definitionId, n);
          return n <= perDefinition;
        });
      const page = matching.slice(skip, skip + top);
      const defName = (id: number) => state.definitions.find((d) => d.id === id)?.name ?? `pipeline-${id}`;
      return list(
        page.map((b) => ({
          id: b.id,
          buildNumber: b.buildNumber,
          status: 2,
          result: b.result ?? 2,
          reason: b.reason ?? (b.branch.startsWith('refs/pull/') ? 256 : 2),
          definition: { id: b.definitionId, name: defName(b.definitionId), type: 2, queueStatus: 0 },
          project: { id: p.id, name: p.name, state: 1 },
          sourceBranch: b.branch,
          sourceVersion: '4f2a9c0e1b7d3a5c8e6f0a1b2c3d4e5f6a7b8c9d',
          queueTime: date(new Date(b.finishTime.getTime() - 300000)),
          startTime: date(new Date(b.finishTime.getTime() - 240000)),
          finishTime: date(b.finishTime),
          tags: b.tags,
          _links: { web: { href: `https://dev.azure.com/contoso/${encodeURIComponent(p.name)}/_build/results?buildId=${b.id}` } },
        })),
        skip + top < matching.length ? String(skip + top) : undefined,
      );
    }
    if ((m = /^\/org\/([^/]+)\/_apis\/build\/definitions$/.exec(u.pathname))) {
      const p = project(decodeURIComponent(m[1]));
      if (!p) return fault(404);
      if (p.status) return fault(p.status);
      const ids = u.searchParams.get('definitionIds')?.split(',').map(Number);
      const defs = state.definitions.filter((d) => d.project === p.name && (!ids || ids.includes(d.id)));
      const all = u.searchParams.get('includeAllProperties') === 'true';
      return list(defs.map((d) => ({ id: d.id, name: d.name, type: 2, queueStatus: 0, ...(all ? { repository: { id: 'repo', type: 'TfsGit', name: 'platform', defaultBranch: d.defaultBranch } } : {}) })));
    }
    if ((m = /^\/org\/([^/]+)\/_apis\/build\/builds\/(\d+)\/attachments\/drcheck\.posture$/.exec(u.pathname))) {
      const p = project(decodeURIComponent(m[1]));
      if (!p) return fault(404);
      if (p.status) return fault(p.status);
      const b = state.builds.find((x) => x.id === Number(m![2]) && x.project === p.name);
      if (!b) return fault(404);
      return list(b.attachments.map((a) => ({ name: a.name, _links: { self: { href: `${restUrl}/org/${p.id}/_apis/build/builds/${b.id}/${TIMELINE}/${RECORD}/attachments/drcheck.posture/${encodeURIComponent(a.name)}` } } })));
    }
    if ((m = /^\/org\/([^/]+)\/_apis\/build\/builds\/(\d+)\/([0-9a-f-]{36})\/([0-9a-f-]{36})\/attachments\/drcheck\.posture\/([^/]+)$/.exec(u.pathname))) {
      const p = project(decodeURIComponent(m[1]));
      if (!p) return fault(404);
      if (p.status) return fault(p.status);
      const b = state.builds.find((x) => x.id === Number(m![2]) && x.project === p.name);
      const a = b?.attachments.find((x) => x.name === decodeURIComponent(m![5]));
      if (!b || !a || m[3] !== TIMELINE || m[4] !== RECORD) return fault(404);
      if (state.failingDownloads.has(b.id)) return fault(500);
      return send(200, a.text);
    }
    fault(404);
  });

  const pageUrl = await listen(pages);
  restUrl = await listen(rest);
  const standIn: StandIn = Object.assign(state, {
    pageUrl,
    restUrl,
    hostUrl: (query: Record<string, string> = {}) => `${pageUrl}/host/?${new URLSearchParams({ rest: restUrl, ...query })}`,
    close: async () => {
      for (const s of [pages, rest]) {
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  });
  return standIn;
}
