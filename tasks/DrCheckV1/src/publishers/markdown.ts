/**
 * Markdown: the build summary (DrCheck@1), `drcheck scan --format markdown`, and the body of the PR comment.
 * Every piece of report text is untrusted and goes through escapeMarkdown.
 */
import { toolChangeNote } from '../../../../shared/engine/diff';
import { entryById } from '../../../../shared/catalog';
import { STRATEGY_DEFINITIONS, type Status } from '../../../../shared/model/posture';
import type { ResourceReport } from '../../../../shared/report/types';
import { escapeCode as code, escapeMarkdown as md } from './escape';
import type { PublishContext, Publisher } from './types';
import { percent } from '../../../../shared/report/percent';

const ICON: Record<Status, string> = { pass: '✅ pass', fail: '❌ fail', unknown: '❔ unknown', suppressed: '⏸️ suppressed' };
/** Resource rows per subscription; the rest are counted (posture.json, SARIF and JUnit have every resource). */
export const MAX_ROWS_PER_SUBSCRIPTION = 100;

/** A path segment for a URL: encodeURIComponent leaves `(`, `)`, `'`, `!` and `*`, which end or bend a Markdown link. */
const segment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Link to a file and line in Azure Repos (or GitHub) when the repository URL is known. Line 0 is no
 * position (a folder, a glob, the whole scan): the path alone, not linked.
 */
export function fileLink(r: Pick<ResourceReport, 'file' | 'line'>, ctx: PublishContext): string {
  if (!(r.line >= 1)) return md(r.file);
  const label = `${md(r.file)}:${r.line}`;
  const url = fileUrl(r, ctx);
  return url ? `[${label}](${url})` : label;
}

/** The address of a file's line in Azure Repos (or GitHub), when the repository URL is known and safe in a link. */
export function fileUrl(r: Pick<ResourceReport, 'file' | 'line'>, ctx: PublishContext): string | undefined {
  if (!(r.line >= 1) || !ctx.repositoryUrl || !/^https:\/\//i.test(ctx.repositoryUrl)) return undefined;
  const base = ctx.repositoryUrl.replace(/\/+$/, '');
  if (/[\s()<>]/.test(base)) return undefined;
  const file = r.file.split('/').map(segment).join('/');
  if (/github\.com/i.test(base)) return `${base}/blob/${segment(ctx.commit ?? 'HEAD')}/${file}#L${r.line}`;
  const version = ctx.commit ? `&version=GC${segment(ctx.commit)}` : '';
  return `${base}?path=/${file}${version}&line=${r.line}&lineEnd=${r.line}&lineStartColumn=1&lineEndColumn=1`;
}

/**
 * Where a resource is written, and the module calls that lead there (`modules/storage.bicep:12 via main.bicep:4`): a
 * pull request that changes a module's params changes the call, not the module.
 */
export function placeLink(r: Pick<ResourceReport, 'file' | 'line' | 'via'>, ctx: PublishContext): string {
  const here = fileLink(r, ctx);
  return r.via?.length ? `${here} via ${r.via.map((v) => fileLink(v, ctx)).join(' → ')}` : here;
}

function serviceName(r: ResourceReport): string {
  return r.service ? entryById(r.service)?.displayName ?? r.service : `${r.type} (uncatalogued)`;
}

export const publishMarkdown: Publisher = (report, ctx = {}) => {
  const out: string[] = [];
  const strategy = STRATEGY_DEFINITIONS[report.strategy];
  const t = report.totals;
  out.push(`# DR posture: ${t.fail ? `${t.fail} failing` : 'no failing resources'}${t.unknown ? `, ${t.unknown} unknown` : ''}`);
  out.push('');
  out.push(`Strategy **${md(strategy.title)}** · ${t.resources} resources · ✅ ${t.pass} pass · ❌ ${t.fail} fail · ❔ ${t.unknown} unknown · ⏸️ ${t.suppressed} suppressed · drcheck ${md(report.tool.version)}`);
  out.push('');
  if (ctx.diff) {
    const d = ctx.diff;
    out.push(`## Changes since the baseline: ${d.regressions.length} regression${d.regressions.length === 1 ? '' : 's'}, ${d.improvements.length} improvement${d.improvements.length === 1 ? '' : 's'}`, '');
    for (const c of d.regressions.slice(0, MAX_ROWS_PER_SUBSCRIPTION)) out.push(`- ❌ ${md(c.message)} (${placeLink(c.resource, ctx)})`);
    if (d.regressions.length > MAX_ROWS_PER_SUBSCRIPTION) out.push(`- … and ${d.regressions.length - MAX_ROWS_PER_SUBSCRIPTION} more regressions`);
    for (const c of d.improvements.slice(0, MAX_ROWS_PER_SUBSCRIPTION)) out.push(`- ✅ ${md(c.message)}`);
    if (d.improvements.length > MAX_ROWS_PER_SUBSCRIPTION) out.push(`- … and ${d.improvements.length - MAX_ROWS_PER_SUBSCRIPTION} more improvements`);
    if (d.toolChanged) {
      out.push('', toolChangeNote(d, md));
      for (const c of d.rejudged.slice(0, MAX_ROWS_PER_SUBSCRIPTION)) out.push(`- 🔄 ${md(c.message)} (${placeLink(c.resource, ctx)})`);
      if (d.rejudged.length > MAX_ROWS_PER_SUBSCRIPTION) out.push(`- … and ${d.rejudged.length - MAX_ROWS_PER_SUBSCRIPTION} more`);
    }
    out.push('');
  }
  out.push('## Posture per subscription', '');
  out.push('| Landing zone | Subscription | Resources | Stateful | Meets strategy | Fail | Unknown |');
  out.push('|---|---|---:|---:|---:|---:|---:|');
  for (const s of report.subscriptions) {
    out.push(`| ${md(s.landingZone ?? 'unmapped')} | ${md(s.subscription ?? '—')} | ${s.resources} | ${s.stateful} | ${percent(s.meetingStrategy)} | ${s.fail} | ${s.unknown} |`);
  }
  out.push('');
  // Resources that do not pass, grouped once by landing zone and subscription (not one filter per subscription).
  const notPassing = new Map<string, ResourceReport[]>();
  for (const r of report.resources) {
    if (r.status === 'pass') continue;
    const key = `${r.landingZone ?? ''}\u0000${r.subscription ?? ''}`;
    const list = notPassing.get(key);
    if (list) list.push(r);
    else notPassing.set(key, [r]);
  }
  for (const s of report.subscriptions) {
    const items = notPassing.get(`${s.landingZone ?? ''}\u0000${s.subscription ?? ''}`) ?? [];
    if (!items.length && !s.topActions.length) continue;
    out.push(`### ${md(s.landingZone ?? 'Unmapped resources')}${s.subscription ? ` (${md(s.subscription)})` : ''}`, '');
    if (items.length) {
      out.push('| Status | Service | Resource | Redundancy → required | Why | Recovered by | Where |');
      out.push('|---|---|---|---|---|---|---|');
      for (const r of items.slice(0, MAX_ROWS_PER_SUBSCRIPTION)) {
        const who = r.responsibility ? `${md(r.responsibility.component)} / ${md(r.responsibility.workload)}` : '—';
        out.push(`| ${ICON[r.status]} | ${md(serviceName(r))} | ${md(r.name ?? r.address)} | ${r.redundancy} → ${r.required} | ${md(r.reason)} | ${who} | ${placeLink(r, ctx)} |`);
      }
      if (items.length > MAX_ROWS_PER_SUBSCRIPTION) out.push('', `… and ${items.length - MAX_ROWS_PER_SUBSCRIPTION} more resources that do not pass (see posture.json and the SARIF log).`);
      out.push('');
    }
    if (s.topActions.length) {
      out.push('**Uplift first**', '');
      s.topActions.forEach((a, i) => out.push(`${i + 1}. [${md(a.title)}](${a.url}) · ${a.resources} resource${a.resources === 1 ? '' : 's'} · \`${code(a.ruleId)}\``));
      out.push('');
    }
  }
  if (report.platformServices.length) {
    // The catalog's services whose resilience is the service's own: listed on every report, whether or not the scan
    // declares them (a DDoS protection plan or a Cognitive Services account may be a resource of this scan too).
    out.push('## Platform services', '', 'Services whose resilience is built into Azure, with who recovers each; listed on every report, whether or not the scanned code declares them.', '');
    out.push(report.platformServices.map((p) => `${md(p.displayName)} (${md(p.responsibility.component)})`).join(' · '), '');
  }
  const cov = report.coverage;
  // With no resources there is nothing to cover: "0 of 0 (100%)" would read as a full scan when nothing was read.
  if (!cov.resources) out.push('**Catalog coverage**: no resources read.', '');
  else out.push(`**Catalog coverage**: ${cov.catalogued} of ${cov.resources} resources (${percent(cov.ratio)})${cov.uncataloguedTypes.length ? `; uncatalogued types: ${cov.uncataloguedTypes.map((x) => `\`${code(x)}\``).join(', ')}` : ''}.`, '');
  const expired = report.suppressions.filter((s) => s.state === 'expired');
  if (expired.length) {
    out.push('**Expired suppressions** (no longer applied):', '');
    for (const s of expired) out.push(`- \`${code(s.rule ?? '*')}\` ${md(s.resource ?? '')} expired ${md(s.expires ?? '')}: ${md(s.justification)}`);
    out.push('');
  }
  if (report.errors.length) {
    out.push(`## ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} reading the input`, '');
    for (const e of report.errors.slice(0, 50)) out.push(`- ${e.severity === 'error' ? '❌' : '⚠️'} ${fileLink(e, ctx)}: ${md(e.message)}`);
    if (report.errors.length > 50) out.push(`- … and ${report.errors.length - 50} more (see posture.json)`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
};
