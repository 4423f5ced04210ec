/**
 * The pull-request comment: regressions and improvements against the baseline, who recovers each
 * resource and how to uplift it. All report text is escaped; the marker finds the thread on re-runs.
 */
import type { Change, PostureDiff } from '../../../../shared/engine/diff';
import { entryById } from '../../../../shared/catalog';
import type { PostureReport } from '../../../../shared/report/types';
import { escapeMarkdown as md } from '../publishers/escape';

export const THREAD_MARKER = '<!-- drcheck:dr-posture -->';

function row(c: Change): string {
  const r = c.resource;
  const service = r.service ? entryById(r.service)?.displayName ?? r.service : r.type;
  const who = r.responsibility ? `${md(r.responsibility.component)} / ${md(r.responsibility.workload)}` : '—';
  const finding = r.findings.find((f) => !f.suppressed);
  const uplift = (finding?.uplift ?? []).slice(0, 2).map((u) => `[${md(u.title)}](${u.url})`).join('<br>') || '—';
  const before = c.base ? `${c.base.redundancy} (${c.base.status})` : 'new';
  const after = c.kind === 'removed' ? 'removed' : `${r.redundancy} (${r.status})`;
  return `| ${md(r.name ?? r.address)}<br><sub>${md(service)} · ${md(r.file)}:${r.line}</sub> | ${before} → ${after} | ${md(c.message)} | ${who} | ${uplift} |`;
}

export function renderPrComment(report: PostureReport, diff: PostureDiff | null, opts: { buildUrl?: string; baselineNote: string; failed: boolean }): string {
  const out: string[] = [THREAD_MARKER];
  const build = opts.buildUrl ? ` ([build](${opts.buildUrl}))` : '';
  if (diff) {
    out.push(diff.regressions.length ? `### ❌ This pull request lowers the DR posture: ${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'}${build}` : `### ✅ No DR regressions${build}`);
  } else {
    out.push(opts.failed ? `### ❌ DR posture check failed${build}` : `### ✅ DR posture check passed${build}`);
  }
  out.push('', `Strategy **${md(report.strategy)}** · ${report.totals.resources} resources · ${report.totals.fail} failing · ${report.totals.unknown} unknown. ${md(opts.baselineNote)}`, '');
  const header = ['| Resource | Redundancy (status) | What changed | Recovered by (component / workload) | Uplift |', '|---|---|---|---|---|'];
  if (diff?.regressions.length) out.push('**Regressions**', '', ...header, ...diff.regressions.map(row), '');
  if (diff?.improvements.length) out.push('**Improvements**', '', ...header, ...diff.improvements.map(row), '');
  if (!diff && opts.failed) {
    const failing = report.resources.filter((r) => r.status === 'fail' || r.status === 'unknown').slice(0, 20);
    out.push('**Failing resources** (no baseline to compare with, so every finding counts)', '', ...header, ...failing.map((r) => row({ kind: 'new-below-required', id: r.id, resource: r, message: r.findings[0]?.message ?? r.reason })), '');
  }
  if (diff?.other.length) out.push(`<sub>${diff.other.filter((c) => c.kind === 'added').length} resources added, ${diff.other.filter((c) => c.kind === 'removed').length} removed without changing the posture.</sub>`, '');
  out.push('<sub>Posted by drcheck. Findings that were already on the target branch do not block this pull request.</sub>');
  return out.join('\n');
}
