/**
 * Untrusted text can never become a link. Names, paths and organisation names that look like URLs, `www.` hosts,
 * bare domains or e-mail addresses go through the real publishers (build summary, PR comment, SARIF rule help),
 * and the Markdown is rendered the way a reader sees it: by markdown-it with linkify, set to link everything it
 * can (bare domains, e-mail addresses, IPv4 addresses, as older markdown-it did by default), raw HTML allowed.
 * The rendered page must hold no link but drcheck's own (Microsoft Learn, the repository, the build), and its
 * visible text must still read as the original name (the start of a written-out link is broken by invisible word
 * joiners). Names and paths a linkifier would take for a host (`sku.name`, `main.tf`) are code spans instead: they
 * copy exactly as written, with no invisible character to make a search miss them.
 */
import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import { diffReports } from '../../shared/engine/diff';
import type { PostureReport } from '../../shared/report/types';
import { renderPrComment } from '../../tasks/DrCheckV1/src/pipeline/comment';
import { escapeCode, escapeMarkdown } from '../../tasks/DrCheckV1/src/publishers/escape';
import { publishMarkdown } from '../../tasks/DrCheckV1/src/publishers/markdown';
import { publishSarif } from '../../tasks/DrCheckV1/src/publishers/sarif';
import { scanFiles, storage, template } from './helpers';

const renderer = new MarkdownIt({ html: true, linkify: true });
renderer.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: true });

/** Names that a GFM or markdown-it renderer would autolink if written as they are. */
const LINKY = [
  'st(https://evil.example)',
  'x*https://evil.example',
  'www.evil.example',
  'ops@evil.example',
  'st(https://evil.com/p?q=1)',
  'x_https://evil.com',
  'x~ftp://evil.com',
  '[x](https://evil.com)',
  'a[https://evil.com]',
  'www.evil.com',
  'WWW.EVIL.COM/phish',
  'ops@evil.com',
  'mailto:ops@evil.com',
  'xmpp:ops@evil.com',
  'see //evil.com/x',
  'evil.com',
  'evil.xn--p1ai',
  '10.0.0.1',
  '<https://evil.com>',
  '"https://evil.com"',
];

const REPO_URL = 'https://dev.azure.com/contoso/p/_git/r';
const BUILD_URL = 'https://dev.azure.com/contoso/p/_build/results?buildId=9';

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** What a reader sees: the links of the rendered page and its text (word joiners left in, and taken out). */
function render(markdown: string): { links: Array<{ href: string; text: string }>; text: string; plain: string } {
  const html = renderer.render(markdown);
  const links = [...html.matchAll(/<a\b[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => ({ href: decode(m[1]), text: decode(m[2].replace(/<[^>]*>/g, '')) }));
  assert.equal(links.length, (html.match(/<a\b/g) ?? []).length, 'every <a> element is counted');
  const text = decode(html.replace(/<[^>]*>/g, ''));
  return { links, text, plain: text.replace(/\u2060/g, '') };
}

/** Only drcheck's own links, and nothing the scanned code wrote is a link or can be clicked through GFM autolinking. */
function assertNoUntrustedLink(markdown: string, allowed: string[]): void {
  const { links, text } = render(markdown);
  for (const l of links) {
    // drcheck's own links (a repository link's path may hold anything, encoded): only to the places it links to.
    assert.ok(allowed.some((a) => l.href.startsWith(a) && new URL(l.href).host === new URL(a).host), `unexpected link ${l.href} (${l.text})`);
  }
  // GFM's extended autolinks, as GitHub's transform-time pass finds them in the decoded text.
  assert.doesNotMatch(text, /(?:https?|ftp):\/\/|www\.|[\w.+-]@[\w-]/i, 'no autolinkable text is left in what is shown');
}

describe('Markdown escaping: untrusted text never becomes a link', function () {
  this.timeout(30000);

  it('escapeMarkdown leaves no link in a table cell, list item, heading, emphasis or after any delimiter, and reads as written', () => {
    for (const name of LINKY) {
      const e = escapeMarkdown(name);
      const contexts = [`| a | b |\n|---|---|\n| x | ${e} |`, `- ${e}`, `1. (${e})`, `### ${e}`, `**${e}**`, `_${e}_`, `~~${e}~~`, `*${e}*`, `(${e})`, `[${e}]`, `x${e}`, `> ${e}`];
      for (const md of contexts) {
        const { links, plain } = render(md);
        assert.deepEqual(links, [], `${JSON.stringify(name)} in ${JSON.stringify(md)}`);
        assert.ok(plain.includes(name), `${JSON.stringify(name)} reads as written in ${JSON.stringify(md)}: ${JSON.stringify(plain)}`);
      }
      assert.doesNotMatch(e, /:\/\/|www\.|[\w.+-]@/i, 'no autolink even where entities and escapes are decoded before linking');
    }
  });

  it('leaves ordinary names, paths and versions as they are', () => {
    for (const s of ['stlake', 'infra/lake.json', 'Microsoft.Storage/storageAccounts', 'azurerm_storage_account.lake', 'drcheck 1.0.0', 'javascript:alert']) {
      assert.equal(escapeMarkdown(s).replace(/\\/g, ''), s);
    }
  });

  it('code spans never autolink, so escapeCode keeps the text exact', () => {
    for (const name of LINKY) {
      const { links, text } = render(`x \`${escapeCode(name)}\` and | a |\n|---|\n| \`${escapeCode(name, { table: true })}\` |`);
      assert.deepEqual(links, [], name);
      assert.ok(text.includes(name), name);
    }
  });
});

/** Property paths, file paths, addresses and types that a linkifier would take for a host (a top-level domain after a dot) or an IPv4 address. */
const PATHS = ['sku.name', 'infra/main.tf', 'azurerm_postgresql_flexible_server.pg.id', 'Microsoft.Web/sites', 'module.db.azurerm_mssql_database.main', '10.0.0.1', 'bücher.de'];

describe('Markdown escaping: paths copy exactly as written', function () {
  this.timeout(30000);

  it('escapeMarkdown puts a path a linkifier would take for a host in a code span: no link, no invisible character, the text as written', () => {
    for (const path of PATHS) {
      const e = escapeMarkdown(path);
      assert.equal(e, `\`${path}\``, path);
      for (const md of [`| a | b |\n|---|---|\n| x | ${e} |`, `- ${e}`, `### ${e}`, `**${e}**`, `_${e}_`, `(${e})`, `[${e}]`, `x${e}`, `> ${e}`]) {
        const { links, text } = render(md);
        assert.deepEqual(links, [], `${path} in ${JSON.stringify(md)}`);
        assert.ok(text.includes(path), `${path} is copied as written from ${JSON.stringify(md)}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('keeps the text around a path escaped, the path in its span and the table row whole', () => {
    const cases: Array<[string, string]> = [
      ['sku.name is Standard_LRS: copies.', '`sku.name` is Standard\\_LRS: copies.'],
      ['x`sku.name`|y', 'x\\``sku.name`\\`\\|y'],
      ['a\\sku.name', 'a\\\\`sku.name`'],
      ['<b>sku.name</b> @alice #12', '&lt;b&gt;`sku.name`&lt;/b&gt; \u2060@alice \\#12'],
      ['##vso.de[x', '\\#\\#`vso.de`\\[x'],
    ];
    for (const [input, expected] of cases) {
      assert.equal(escapeMarkdown(input), expected, input);
      const { links, plain } = render(`| a | b |\n|---|---|\n| x | ${expected} |`);
      assert.deepEqual(links, [], input);
      assert.ok(plain.includes(input), `${input} reads as written: ${JSON.stringify(plain)}`);
    }
  });

  it('the build summary and the pull-request comment show property paths and Terraform file paths with no invisible character', async () => {
    const disk = { type: 'Microsoft.Compute/disks', apiVersion: '2024-03-02', name: 'disk-data', location: 'westeurope', sku: { name: 'Premium_LRS' }, properties: { creationData: { createOption: 'Empty' }, diskSizeGB: 64 } };
    const tf = 'resource "azurerm_storage_account" "lake" {\n  name                     = "stlake"\n  resource_group_name      = "rg"\n  location                 = "westeurope"\n  account_tier             = "Standard"\n  account_replication_type = "LRS"\n}\n';
    const report = await scanFiles({ 'infra/disk.json': template([disk]), 'infra/main.tf': tf });
    const summary = publishMarkdown(report);
    const comment = renderPrComment(report, null, { baselineNote: '', failed: true, verdict: 'DR posture check failed' });
    for (const md of [summary, comment]) {
      assert.doesNotMatch(md, /\u2060/, 'no word joiner');
      const { links, text } = render(md);
      assert.deepEqual(links.filter((l) => !l.href.startsWith('https://learn.microsoft.com/')), []);
      assert.ok(text.includes('sku.name is Premium_LRS'), 'the reason copies as written');
      assert.ok(text.includes('infra/main.tf:1'), 'the Terraform file path copies as written');
    }
    assert.match(summary, /\| `sku\.name` is Premium\\_LRS: copies in one datacenter/);
  });
});

describe('Publishers show link-like names as text', function () {
  this.timeout(60000);

  const config = [
    'organisation: "Fab [x](https://evil.com) ops@evil.com www.evil.com"',
    'landingZones:',
    '  - name: "lz(https://evil.com) www.evil.com"',
    '    subscription: 11111111-1111-4111-8111-111111111111',
    '    paths: ["infra/**"]',
    '',
  ].join('\n');
  const FILE = 'infra/www.evil.com (x*https:)/ops@evil.com.json';
  const scan = (sku: string): Promise<PostureReport> => scanFiles({ [FILE]: template(LINKY.map((n) => storage(n, sku))), '.drcheck.yml': config });

  it('build summary: resources, landing zone heading, organisation, file paths and regressions', async () => {
    const base = await scan('Standard_GRS');
    const head = await scan('Standard_LRS');
    for (const ctx of [{}, { repositoryUrl: REPO_URL, commit: 'c0ffee' }]) {
      const md = publishMarkdown(head, { ...ctx, diff: diffReports(base, head) });
      assertNoUntrustedLink(md, ['https://learn.microsoft.com/', `${REPO_URL}?path=`]);
      const { plain } = render(md);
      for (const name of LINKY) assert.ok(plain.includes(name), `the summary shows ${name}`);
      assert.ok(plain.includes('lz(https://evil.com) www.evil.com'), 'the heading reads as written');
      assert.ok(plain.includes('Microsoft / Fab [x](https://evil.com) ops@evil.com www.evil.com'), 'who recovers reads as written');
      assert.ok(plain.includes(FILE), 'the file path reads as written');
    }
  });

  it('pull-request comment: regressions and failing resources', async () => {
    const base = await scan('Standard_GRS');
    const head = await scan('Standard_LRS');
    const opts = { baselineNote: 'Compared with build 1.', failed: true, verdict: 'See www.evil.com', buildUrl: BUILD_URL, repositoryUrl: REPO_URL, commit: 'c0ffee' };
    for (const text of [renderPrComment(head, diffReports(base, head), opts), renderPrComment(head, null, opts)]) {
      assertNoUntrustedLink(text, ['https://learn.microsoft.com/', `${REPO_URL}?path=`, BUILD_URL]);
      const { plain } = render(text);
      for (const name of LINKY) assert.ok(plain.includes(name), `the comment shows ${name}`);
    }
  });

  it('pull-request comment: a file path of plain characters that starts a link is not a code span (its link stays broken)', async () => {
    // Letters, dots and slashes only, so the comment's file references would otherwise make a code span of it, where `www.` is shown whole.
    const file = 'infra/www.evil.com/lake.json';
    const base = await scanFiles({ [file]: template([storage('stlake', 'Standard_GRS')]) });
    const head = await scanFiles({ [file]: template([storage('stlake', 'Standard_LRS')]) });
    const text = renderPrComment(head, diffReports(base, head), { baselineNote: '', failed: true, verdict: '', repositoryUrl: REPO_URL, commit: 'c0ffee' });
    assert.match(text, /\| \*\*stlake\*\*<br>/, 'the regression is in the comment');
    assertNoUntrustedLink(text, ['https://learn.microsoft.com/', `${REPO_URL}?path=`]);
    assert.ok(render(text).plain.includes(`${file}:`), 'the path reads as written');
  });

  it('SARIF rule help (Markdown): the organisation', async () => {
    const log = JSON.parse(publishSarif(await scan('Standard_LRS')));
    const rules = log.runs[0].tool.driver.rules as Array<{ id: string; help: { markdown: string } }>;
    const rule = rules.find((r) => r.id === 'storage-account/redundancy')!;
    assert.ok(render(rule.help.markdown).plain.includes('workload/configuration Fab [x](https://evil.com) ops@evil.com www.evil.com.'));
    for (const r of rules) assertNoUntrustedLink(r.help.markdown, ['https://learn.microsoft.com/']);
  });
});
