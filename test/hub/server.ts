/**
 * Serves the built hub, the test host page, and a stand-in for the Build and Core REST APIs as the
 * web client (azure-devops-extension-api) calls them: bare arrays when Accept says noArrayWrap, MS-format
 * dates, numeric enums, attachments listed then fetched by their self link. All on one loopback origin.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export interface HubBuild {
  id: number;
  buildNumber: string;
  definition: { id: number; name: string };
  sourceBranch: string;
  finishTime: Date;
  project: string;
  posture?: string;
}

export interface HubServer {
  url: string;
  builds: HubBuild[];
  projects: string[];
  /** Status to answer every builds query with (e.g. 403). */
  buildsStatus?: number;
  requests: string[];
  close(): Promise<void>;
}

const REPO = path.resolve(__dirname, '../..');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.png': 'image/png' };
const TIMELINE = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const RECORD = '11111111-2222-4333-8444-555555555555';

export async function startHubServer(hostBundle: string): Promise<HubServer> {
  const state: Omit<HubServer, 'url' | 'close'> = { builds: [], projects: ['Contoso'], requests: [] };
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    state.requests.push(`${req.method} ${u.pathname}${u.search}`);
    const file = (p: string) => {
      if (!fs.existsSync(p)) {
        res.writeHead(404);
        return res.end('not found');
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(p)] ?? 'application/octet-stream' });
      res.end(fs.readFileSync(p));
    };
    if (u.pathname === '/host/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<!DOCTYPE html><html><head><meta charset="utf-8"><title>Azure DevOps</title></head><body style="margin:0"><script src="/host/host.js"></script></body></html>');
    }
    if (u.pathname === '/host/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      return res.end(hostBundle);
    }
    if (u.pathname.startsWith('/ext/')) return file(path.join(REPO, 'dist/hub', path.basename(u.pathname)));
    const accept = String(req.headers.accept ?? '');
    const bare = accept.includes('noArrayWrap=true');
    const msDate = accept.includes('msDateFormat=true');
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const list = (items: unknown[]) => json(200, bare ? items : { count: items.length, value: items });
    const date = (d: Date) => (msDate ? `/Date(${d.getTime()})/` : d.toISOString());
    if (req.headers.authorization !== 'Bearer hub-test-token') return json(401, { message: 'unauthorized' });
    let m: RegExpExecArray | null;
    if (u.pathname === '/org/_apis/projects') return list(state.projects.map((name, i) => ({ id: `p${i}`, name })));
    if ((m = /^\/org\/([^/]+)\/_apis\/build\/builds$/.exec(u.pathname))) {
      if (state.buildsStatus) return json(state.buildsStatus, { message: 'TF401444: access denied' });
      const project = decodeURIComponent(m[1]);
      const tags = u.searchParams.get('tagFilters');
      return list(
        state.builds
          .filter((b) => b.project === project && (!tags || (tags === 'drcheck' && b.posture !== undefined)))
          .map((b) => ({ id: b.id, buildNumber: b.buildNumber, definition: b.definition, sourceBranch: b.sourceBranch, finishTime: date(b.finishTime), status: 2, result: 2, project: { name: b.project }, _links: { web: { href: `https://dev.azure.com/contoso/${b.project}/_build/results?buildId=${b.id}` } } })),
      );
    }
    if ((m = /^\/org\/([^/]+)\/_apis\/build\/builds\/(\d+)\/attachments\/drcheck\.posture$/.exec(u.pathname))) {
      const b = state.builds.find((x) => x.id === Number(m![2]));
      return list(b?.posture !== undefined ? [{ name: 'posture.json', _links: { self: { href: `${server.url}org/${m[1]}/_apis/build/builds/${b.id}/${TIMELINE}/${RECORD}/attachments/drcheck.posture/posture.json` } } }] : []);
    }
    if ((m = /^\/org\/[^/]+\/_apis\/build\/builds\/(\d+)\/[0-9a-f-]+\/[0-9a-f-]+\/attachments\/drcheck\.posture\/posture\.json$/.exec(u.pathname))) {
      const b = state.builds.find((x) => x.id === Number(m![1]));
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(b?.posture ?? '');
    }
    json(404, { message: `no stand-in route for ${u.pathname}` });
  }) as http.Server & { url: string };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return Object.assign(state, { url: server.url, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) });
}
