/**
 * The terminal table: per subscription, what fails and what to uplift first, readable at a glance.
 * Colours only when asked (a TTY); plain text when piped.
 */
import pc from 'picocolors';
import { entryById } from '../../../../shared/catalog';
import { STRATEGY_DEFINITIONS, type Status } from '../../../../shared/model/posture';
import type { ResourceReport, SubscriptionSummary } from '../../../../shared/report/types';
import { escapeLogLine } from './escape';
import type { Publisher } from './types';
import { percent } from '../../../../shared/report/percent';

/**
 * Control characters and escape sequences from untrusted names must not reach the terminal, nor agent logging
 * commands (`##vso[…]`) the pipeline log of a script step that runs the CLI (the agent reads them anywhere in a line).
 */
export function plain(text: string): string {
  return escapeLogLine(text);
}

function fit(text: string, width: number): string {
  const t = plain(text);
  if (width <= 1) return t.slice(0, Math.max(width, 0));
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

export const publishTable: Publisher = (report, ctx = {}) => {
  const c = pc.createColors(!!ctx.color);
  const width = Math.max(ctx.width ?? 100, 60);
  const lines: string[] = [];
  const strategy = STRATEGY_DEFINITIONS[report.strategy];
  const files = new Set(report.resources.map((r) => r.file)).size;
  const badge: Record<Status, string> = {
    pass: c.green('PASS'),
    fail: c.red(c.bold('FAIL')),
    unknown: c.yellow('UNKN'),
    suppressed: c.dim('SUPP'),
  };

  lines.push(`${c.bold('drcheck')} ${report.tool.version} · strategy: ${c.bold(strategy.title)} · ${report.totals.resources} resources in ${files} file${files === 1 ? '' : 's'}`);
  lines.push('');

  const bySub = new Map<string, ResourceReport[]>();
  for (const r of report.resources) {
    const k = `${r.subscription ?? ''}|${r.landingZone ?? ''}`;
    const list = bySub.get(k);
    if (list) list.push(r);
    else bySub.set(k, [r]);
  }
  for (const s of report.subscriptions) {
    lines.push(...subscriptionBlock(s, bySub.get(`${s.subscription ?? ''}|${s.landingZone ?? ''}`) ?? [], width, c, badge));
    lines.push('');
  }

  if (report.platformServices.length) {
    // Listed on every report, whether or not the scan declares them: not a claim that they have no resource here.
    lines.push(c.bold('Platform services') + c.dim(' (resilience built into Azure, with who recovers each; listed whether or not the scan declares them)'));
    const names = report.platformServices.map((p) => `${p.displayName} (${plain(p.responsibility.component)})`).join(', ');
    lines.push(...wrap(names, width - 2).map((l) => `  ${l}`));
    lines.push('');
  }

  const cov = report.coverage;
  // With no resources there is nothing to cover: "0 of 0 (100%)" would read as a full scan when nothing was read.
  lines.push(`${c.bold('Coverage')}: ${cov.resources ? `${cov.catalogued} of ${cov.resources} resources in the DR catalog (${percent(cov.ratio)})` : 'no resources read'}`);
  if (cov.uncataloguedTypes.length) lines.push(...wrap(`uncatalogued: ${cov.uncataloguedTypes.join(', ')}`, width - 2).map((l) => `  ${c.dim(plain(l))}`));

  const expired = report.suppressions.filter((s) => s.state === 'expired');
  for (const s of expired) lines.push(c.yellow(`Suppression expired on ${s.expires}: ${plain(s.rule ?? '*')} ${plain(s.resource ?? '')} (${plain(s.justification)})`));
  const unused = report.suppressions.filter((s) => s.state === 'unused');
  for (const s of unused) lines.push(c.dim(`Suppression matched nothing: ${plain(s.rule ?? '*')} ${plain(s.resource ?? '')}`));

  if (report.errors.length) {
    lines.push('');
    lines.push(c.bold(`${report.errors.length} problem${report.errors.length === 1 ? '' : 's'} reading the input`));
    for (const e of report.errors) {
      const where = e.line ? `${e.file}(${e.line},${e.column})` : e.file;
      lines.push(`  ${e.severity === 'error' ? c.red('error') : c.yellow('warning')} ${plain(where)}: ${plain(e.message)}`);
    }
  }
  lines.push('');
  const t = report.totals;
  lines.push(`${c.bold('Totals')}: ${c.green(`${t.pass} pass`)} · ${t.fail ? c.red(`${t.fail} fail`) : '0 fail'} · ${t.unknown ? c.yellow(`${t.unknown} unknown`) : '0 unknown'} · ${t.suppressed} suppressed`);
  return `${lines.join('\n')}\n`;
};

type Colors = ReturnType<typeof pc.createColors>;

function subscriptionBlock(s: SubscriptionSummary, items: ResourceReport[], width: number, c: Colors, badge: Record<Status, string>): string[] {
  const lines: string[] = [];
  const title = s.landingZone ?? 'unmapped resources';
  const sub = s.subscription ? `subscription ${s.subscription}` : 'no subscription mapped';
  const mg = s.managementGroup ? ` · management group ${s.managementGroup}` : '';
  lines.push(`${c.bold(c.cyan(plain(title)))}  ${c.dim(plain(sub + mg))}`);
  const health = s.fail ? c.red(`${s.fail} fail`) : c.green('0 fail');
  lines.push(`  ${s.resources} resources · ${s.stateful} stateful · ${percent(s.meetingStrategy)} meet the strategy · ${health} · ${s.unknown ? c.yellow(`${s.unknown} unknown`) : '0 unknown'}${s.suppressed ? ` · ${s.suppressed} suppressed` : ''}`);
  const open = items.filter((r) => r.status !== 'pass').sort(orderForAttention);
  if (!open.length) {
    lines.push(`  ${c.green('✓')} every resource meets the strategy`);
    return lines;
  }
  const serviceW = 24;
  const nameW = 26;
  const levelW = 16;
  const reasonW = Math.max(width - (2 + 4 + 1 + serviceW + 1 + nameW + 1 + levelW + 1), 10);
  for (const r of open) {
    const service = r.service ? entryById(r.service)?.displayName ?? r.service : r.type.split('/').pop()!;
    const level = `${r.redundancy} → ${r.required}`;
    lines.push(`  ${badge[r.status]} ${fit(service, serviceW)} ${c.bold(fit(r.name ?? r.address, nameW))} ${fit(level, levelW)} ${c.dim(fit(r.reason, reasonW))}`);
  }
  if (s.topActions.length) {
    lines.push(`  ${c.bold('Uplift first:')}`);
    s.topActions.forEach((a, i) => {
      lines.push(`   ${i + 1}. ${plain(a.title)} ${c.dim(`(${a.resources} resource${a.resources === 1 ? '' : 's'}, ${a.ruleId})`)}`);
      lines.push(`      ${c.underline(a.url)}`);
    });
  }
  return lines;
}

const ATTENTION: Record<Status, number> = { fail: 0, unknown: 1, suppressed: 2, pass: 3 };
function orderForAttention(a: ResourceReport, b: ResourceReport): number {
  return ATTENTION[a.status] - ATTENTION[b.status] || Number(b.stateful) - Number(a.stateful) || (a.name ?? a.address).localeCompare(b.name ?? b.address);
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}
