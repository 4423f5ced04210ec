/**
 * The pull-request comment (a variant of the Markdown report): regressions and improvements against the
 * baseline, who recovers each resource and how to uplift it. All report text is escaped; the hidden marker
 * finds the thread again on re-runs.
 */
import { toolChangeNote, type Change, type PostureDiff } from '../../../../shared/engine/diff';
import { entryById } from '../../../../shared/catalog';
import type { PostureReport, ResourceReport } from '../../../../shared/report/types';
import { escapeMarkdown as md } from '../publishers/escape';
import { fileLink } from '../publishers/markdown';

export const THREAD_MARKER = '<!-- drcheck:dr-posture -->';
/** Rows per table; the rest are counted (a PR comment is for people, posture.json has everything). */
export const MAX_ROWS = 50;

export interface CommentOptions {
  buildUrl?: string;
  repositoryUrl?: string;
  commit?: string;
  /** One sentence on what the run was compared with (or why it was not). */
  baselineNote: string;
  /** Whether the gate failed (the status posted). */
  failed: boolean;
  /** The one-line verdict, shown when there is no baseline. */
  verdict: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function who(r: ResourceReport): string {
  return r.responsibility ? `${md(r.responsibility.component)} / ${md(r.responsibility.workload)}` : '—';
}

function uplift(r: ResourceReport): string {
  const finding = r.findings.find((f) => !f.suppressed) ?? r.findings[0];
  // Catalog links are https Microsoft Learn URLs; anything else is shown as text.
  const links = (finding?.uplift ?? []).slice(0, 2).map((u) => (/^https:\/\/[^\s()<>]+$/.test(u.url) ? `[${md(u.title)}](${u.url})` : md(u.title)));
  return links.join('<br>') || '—';
}

function row(c: Change, opts: CommentOptions): string {
  const r = c.resource;
  const service = r.service ? entryById(r.service)?.displayName ?? r.service : r.type;
  const before = c.base ? `${c.base.redundancy} (${c.base.status})` : c.kind === 'new-below-required' || c.kind === 'added' ? 'new' : '—';
  const after = c.kind === 'removed' ? 'removed' : c.kind === 'source-unreadable' ? 'not read' : `${r.redundancy} (${r.status})`;
  const where = fileLink(r, { repositoryUrl: opts.repositoryUrl, commit: opts.commit });
  return `| **${md(r.name ?? r.address)}**<br><sub>${md(service)} · ${where}</sub> | ${before} → ${after} | ${md(c.message)} | ${who(r)} | ${uplift(r)} |`;
}

function table(title: string, changes: Change[], opts: CommentOptions): string[] {
  if (!changes.length) return [];
  const out = [`**${title}**`, '', '| Resource | Redundancy (status) | What changed | Recovered by (component / workload) | Uplift |', '|---|---|---|---|---|'];
  out.push(...changes.slice(0, MAX_ROWS).map((c) => row(c, opts)));
  if (changes.length > MAX_ROWS) out.push('', `<sub>… and ${changes.length - MAX_ROWS} more: see the build's DR posture summary.</sub>`);
  out.push('');
  return out;
}

export function renderPrComment(report: PostureReport, diff: PostureDiff | null, opts: CommentOptions): string {
  const out: string[] = [THREAD_MARKER];
  const build = opts.buildUrl && /^https?:\/\//i.test(opts.buildUrl) ? ` ([build](${opts.buildUrl}))` : '';
  if (diff) {
    out.push(diff.regressions.length ? `### ❌ This pull request lowers the DR posture: ${plural(diff.regressions.length, 'regression')}${build}` : `### ✅ No DR regressions${build}`);
  } else {
    out.push(opts.failed ? `### ❌ DR posture check failed${build}` : `### ✅ DR posture check passed${build}`);
  }
  const t = report.totals;
  out.push('', `Strategy **${md(report.strategy)}** · ${plural(t.resources, 'resource')} · ${t.fail} failing · ${t.unknown} unknown · ${t.suppressed} suppressed. ${md(opts.baselineNote)}`, '');
  if (diff?.strategyChanged) out.push(`> The baseline was judged against another strategy; this run is judged against **${md(report.strategy)}**, so some changes come from the strategy, not from the code.`, '');
  if (diff?.toolChanged) out.push(`> ${toolChangeNote(diff, md)}`, '');
  if (diff) {
    out.push(...table('Regressions', diff.regressions, opts));
    out.push(...table('Improvements', diff.improvements, opts));
    out.push(...table(`Judged differently by drcheck ${md(diff.toolChanged?.to ?? '')} (code unchanged, not counted)`, diff.rejudged, opts));
    const added = diff.other.filter((c) => c.kind === 'added').length;
    const removed = diff.other.filter((c) => c.kind === 'removed').length;
    if (added || removed) out.push(`<sub>${plural(added, 'resource')} added and ${removed} removed without lowering the posture.</sub>`, '');
    if (diff.regressions.length) out.push('Fix the regressions, or suppress a finding with a justification and an expiry date in `.drcheck.yml` if the change is intended.', '');
  } else {
    out.push(`> ${md(opts.verdict)}`, '');
    if (opts.failed) {
      const failing = report.resources.filter((r) => r.status === 'fail' || r.status === 'unknown');
      const changes: Change[] = failing.map((r) => ({ kind: 'status-worsened', id: r.id, resource: r, message: r.findings.find((f) => !f.suppressed)?.message ?? r.reason }));
      out.push(...table('Failing resources (no baseline to compare with, so every finding counts)', changes, opts));
    }
  }
  out.push('<sub>Posted by drcheck. Findings that were already on the target branch do not block this pull request; this comment is updated on every run.</sub>');
  return out.join('\n');
}
