/**
 * Markdown: the build summary (DrCheck@1), `drcheck scan --format markdown`, and the body of the PR comment.
 * Every piece of report text is untrusted and goes through escapeMarkdown.
 */
import { entryById } from '../../../../shared/catalog';
import { STRATEGY_DEFINITIONS, type Status } from '../../../../shared/model/posture';
import type { PostureReport, ResourceReport } from '../../../../shared/report/types';
import { escapeMarkdown as md } from './escape';
import type { PublishContext, Publisher } from './types';

const ICON: Record<Status, string> = { pass: '✅ pass', fail: '❌ fail', unknown: '❔ unknown', suppressed: '⏸️ suppressed' };
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Link to a file and line in Azure Repos (or GitHub) when the repository URL is known. */
export function fileLink(r: Pick<ResourceReport, 'file' | 'line'>, ctx: PublishContext): string {
  const label = `${md(r.file)}:${r.line}`;
  if (!ctx.repositoryUrl || !/^https:\/\//i.test(ctx.repositoryUrl)) return label;
  const base = ctx.repositoryUrl.replace(/\/+$/, '');
  const file = r.file.split('/').map(encodeURIComponent).join('/');
  if (/github\.com/i.test(base)) return `[${label}](${base}/blob/${encodeURIComponent(ctx.commit ?? 'HEAD')}/${file}#L${r.line})`;
  const version = ctx.commit ? `&version=GC${encodeURIComponent(ctx.commit)}` : '';
  return `[${label}](${base}?path=/${file}${version}&line=${r.line}&lineEnd=${r.line}&lineStartColumn=1&lineEndColumn=1)`;
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
    for (const c of d.regressions) out.push(`- ❌ ${md(c.message)} (${fileLink(c.resource, ctx)})`);
    for (const c of d.improvements) out.push(`- ✅ ${md(c.message)}`);
    out.push('');
  }
  out.push('## Posture per subscription', '');
  out.push('| Landing zone | Subscription | Resources | Stateful | Meets strategy | Fail | Unknown |');
  out.push('|---|---|---:|---:|---:|---:|---:|');
  for (const s of report.subscriptions) {
    out.push(`| ${md(s.landingZone ?? 'unmapped')} | ${md(s.subscription ?? '—')} | ${s.resources} | ${s.stateful} | ${pct(s.meetingStrategy)} | ${s.fail} | ${s.unknown} |`);
  }
  out.push('');
  for (const s of report.subscriptions) {
    const items = report.resources.filter((r) => r.subscription === s.subscription && r.landingZone === s.landingZone && r.status !== 'pass');
    if (!items.length && !s.topActions.length) continue;
    out.push(`### ${md(s.landingZone ?? 'Unmapped resources')}${s.subscription ? ` (${md(s.subscription)})` : ''}`, '');
    if (items.length) {
      out.push('| Status | Service | Resource | Redundancy → required | Why | Recovered by | Where |');
      out.push('|---|---|---|---|---|---|---|');
      for (const r of items) {
        const who = r.responsibility ? `${md(r.responsibility.component)} / ${md(r.responsibility.workload)}` : '—';
        out.push(`| ${ICON[r.status]} | ${md(serviceName(r))} | ${md(r.name ?? r.address)} | ${r.redundancy} → ${r.required} | ${md(r.reason)} | ${who} | ${fileLink(r, ctx)} |`);
      }
      out.push('');
    }
    if (s.topActions.length) {
      out.push('**Uplift first**', '');
      s.topActions.forEach((a, i) => out.push(`${i + 1}. [${md(a.title)}](${a.url}) · ${a.resources} resource${a.resources === 1 ? '' : 's'} · \`${md(a.ruleId)}\``));
      out.push('');
    }
  }
  if (report.platformServices.length) {
    out.push('## Platform services', '', 'No IaC resource; resilience is part of the service.', '');
    out.push(report.platformServices.map((p) => `${md(p.displayName)} (${md(p.responsibility.component)})`).join(' · '), '');
  }
  const cov = report.coverage;
  out.push(`**Catalog coverage**: ${cov.catalogued} of ${cov.resources} resources (${pct(cov.ratio)})${cov.uncataloguedTypes.length ? `; uncatalogued types: ${cov.uncataloguedTypes.map((x) => `\`${md(x)}\``).join(', ')}` : ''}.`, '');
  const expired = report.suppressions.filter((s) => s.state === 'expired');
  if (expired.length) {
    out.push('**Expired suppressions** (no longer applied):', '');
    for (const s of expired) out.push(`- \`${md(s.rule ?? '*')}\` ${md(s.resource ?? '')} expired ${md(s.expires ?? '')}: ${md(s.justification)}`);
    out.push('');
  }
  if (report.errors.length) {
    out.push(`## ${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} reading the input`, '');
    for (const e of report.errors.slice(0, 50)) out.push(`- ${e.severity === 'error' ? '❌' : '⚠️'} ${fileLink({ file: e.file, line: Math.max(e.line, 1) }, ctx)}: ${md(e.message)}`);
    if (report.errors.length > 50) out.push(`- … and ${report.errors.length - 50} more (see posture.json)`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
};
