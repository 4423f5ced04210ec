/**
 * The pull-request comment (a variant of the Markdown report): regressions and improvements against the
 * baseline, who recovers each resource and how to uplift it. All report text is escaped; the hidden marker
 * finds the thread again on re-runs. `drcheck diff --format markdown` renders the same comparison without
 * what only a pull request has (the marker, the build link, the footer), so it previews the comment.
 */
import { shortText, toolChangeNote, type Change, type PostureDiff } from '../../../../shared/engine/diff';
import { entryById } from '../../../../shared/catalog';
import type { PostureReport, ResourceReport } from '../../../../shared/report/types';
import { escapeCode, escapeMarkdown as md, startsLink } from '../publishers/escape';
import { fileUrl } from '../publishers/markdown';

export const THREAD_MARKER = '<!-- drcheck:dr-posture -->';
/** Rows per table; the rest are counted (a PR comment is for people, posture.json has everything). */
export const MAX_ROWS = 50;
/**
 * The longest comment drcheck writes, in characters: Azure DevOps refuses a comment over 150,000, and a comment
 * is for people. Rows past it are counted, not shown.
 */
export const MAX_COMMENT_LENGTH = 100_000;

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

/**
 * A file and line, always in one form: a code span (copied as written, never autolinked) for a plain path, else
 * escaped text (a path with a link in it keeps its word joiners), linked into the repository at `commit` when known.
 * With no commit for it (a file only the baseline has, whose commit is not known) the label is not linked.
 * Not escapeMarkdown's code-span rule, which spans only the words of free text that need it: see needsCodeSpan in
 * publishers/escape.ts for why both exist.
 */
function fileRef(r: Pick<ResourceReport, 'file' | 'line'>, opts: CommentOptions, commit: string | undefined): string {
  const plainLabel = r.line >= 1 ? `${md(r.file)}:${r.line}` : md(r.file);
  const label = /^[\w./ -]+$/.test(r.file) && !startsLink(r.file) ? `\`${escapeCode(r.line >= 1 ? `${r.file}:${r.line}` : r.file, { table: true })}\`` : plainLabel;
  const url = commit ? fileUrl(r, { repositoryUrl: opts.repositoryUrl, commit }) : undefined;
  return url ? `[${label}](${url})` : label;
}

function row(c: Change, opts: CommentOptions, diff: PostureDiff | null): string {
  const r = c.resource;
  const detail = md(shortText(c.detail, 600));
  if (c.kind === 'file-unreadable') return `| ${fileRef(r, opts, opts.commit)}<br><sub>file</sub> | — → not read | ${detail} | — | — |`;
  const service = r.service ? entryById(r.service)?.displayName ?? r.service : r.type;
  const before = c.base ? `${c.base.redundancy} (${c.base.status})` : c.kind === 'new-below-required' || c.kind === 'added' ? 'new' : '—';
  const after = c.kind === 'removed' ? 'removed' : c.kind === 'source-unreadable' ? 'not read' : `${r.redundancy} (${r.status})`;
  // A resource only the baseline has is where the baseline's commit had it, not where the pull request's has.
  const gone = c.kind === 'removed' || c.kind === 'source-unreadable';
  const commit = gone ? diff?.baseCommit : opts.commit;
  // A module's resource is written in the module; the call that leads there is what a pull request changes.
  const via = r.via?.length ? ` via ${r.via.map((v) => fileRef(v, opts, commit)).join(' → ')}` : '';
  const where = `${fileRef(r, opts, commit)}${via}`;
  return `| **${md(r.name ?? r.address)}**<br><sub>${md(service)} · ${where}</sub> | ${before} → ${after} | ${detail} | ${who(r)} | ${uplift(r)} |`;
}

/** What is left of the comment's length; tables stop at it and count the rows they could not show. */
interface Budget {
  left: number;
}

function table(title: string, changes: Change[], opts: CommentOptions, diff: PostureDiff | null, budget: Budget): string[] {
  if (!changes.length) return [];
  const out = [`**${title}**`, '', '| Resource | Redundancy (status) | What changed | Recovered by (component / workload) | Uplift |', '|---|---|---|---|---|'];
  let size = out.reduce((n, l) => n + l.length + 1, 0) + 200;
  if (size > budget.left) {
    // No room left for the table: it is still counted, never silently left out.
    const note = [`<sub>${title}: ${changes.length} not shown, see the build's DR posture summary.</sub>`, ''];
    budget.left -= note.reduce((n, l) => n + l.length + 1, 0);
    return note;
  }
  let shown = 0;
  for (const c of changes.slice(0, MAX_ROWS)) {
    const line = row(c, opts, diff);
    if (size + line.length + 1 > budget.left) break;
    out.push(line);
    size += line.length + 1;
    shown++;
  }
  if (changes.length > shown) out.push('', `<sub>… and ${changes.length - shown} more: see the build's DR posture summary.</sub>`);
  out.push('');
  budget.left -= out.reduce((n, l) => n + l.length + 1, 0);
  return out;
}

/**
 * The comparison as Markdown: the PR comment (`pr: true`, with the marker, the build link and the footer), or
 * its preview for `drcheck diff --format markdown`.
 */
export function renderComparison(report: PostureReport, diff: PostureDiff | null, opts: CommentOptions, pr: boolean): string {
  const out: string[] = pr ? [THREAD_MARKER] : [];
  const build = pr && opts.buildUrl && /^https?:\/\//i.test(opts.buildUrl) ? ` ([build](${opts.buildUrl}))` : '';
  if (diff) {
    out.push(diff.regressions.length ? `### ❌ This pull request lowers the DR posture: ${plural(diff.regressions.length, 'regression')}${build}` : `### ✅ No DR regressions${build}`);
  } else {
    out.push(opts.failed ? `### ❌ DR posture check failed${build}` : `### ✅ DR posture check passed${build}`);
  }
  out.push('');
  if (diff?.strategyLowered) {
    const apart = diff.byStrategy.length ? ` ${plural(new Set(diff.byStrategy.map((c) => c.resource)).size, 'resource')} that only the lower strategy lets pass ${diff.byStrategy.length === 1 ? 'is' : 'are'} listed apart, not as improvements.` : '';
    out.push(`> ⚠️ **This pull request lowers the bar**: it is judged against **${md(diff.strategies.head)}**, the baseline against **${md(diff.strategies.base)}**.${apart}`, '');
  }
  const t = report.totals;
  out.push(`Strategy **${md(report.strategy)}** · ${plural(t.resources, 'resource')} · ${t.fail} failing · ${t.unknown} unknown · ${t.suppressed} suppressed. ${md(opts.baselineNote)}`, '');
  if (diff?.strategyChanged && !diff.strategyLowered) out.push(`> Judged against **${md(diff.strategies.head)}**; the baseline against **${md(diff.strategies.base)}**. Changes the stricter strategy brings count as the code's.`, '');
  if (diff?.toolChanged) out.push(`> ${toolChangeNote(diff, md)}`, '');
  const tail: string[] = [];
  if (diff) {
    const renamed = diff.other.filter((c) => c.kind === 'renamed');
    const added = diff.other.filter((c) => c.kind === 'added').length;
    const removed = diff.other.filter((c) => c.kind === 'removed').length;
    if (added || removed || renamed.length) {
      const names = renamed.slice(0, 10).map((c) => `${md(c.renamedFrom ?? '')} → ${md(c.resource.name ?? c.resource.address)}`).join(', ');
      // Terraform says a resource moved; drcheck infers the others' renames.
      const moved = renamed.filter((c) => c.moved).length;
      const how = moved === renamed.length ? 'moved' : moved ? 'renamed or moved' : 'renamed';
      const counts: Array<[number, string]> = [[added, 'added'], [removed, 'removed'], [renamed.length, `${how} (${names}${renamed.length > 10 ? ', …' : ''})`]];
      const parts = counts.filter(([n]) => n > 0).map(([n, what], i) => `${i === 0 ? plural(n, 'resource') : n} ${what}`);
      const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
      tail.push(`<sub>${list} without lowering the posture.</sub>`, '');
    }
    const unreadable = diff.regressions.filter((c) => c.kind === 'file-unreadable' || c.kind === 'source-unreadable').length;
    if (diff.regressions.length > unreadable) tail.push('Fix the regressions, or suppress a finding with a justification and an expiry date in `.drcheck.yml` if the change is intended.', '');
    if (unreadable) tail.push('Fix the files that could not be read: what they hold is not judged until they are.', '');
  }
  if (pr) tail.push('<sub>Posted by drcheck. Findings that were already on the target branch do not block this pull request; this comment is updated on every run.</sub>');
  const budget: Budget = { left: MAX_COMMENT_LENGTH - [...out, ...tail].reduce((n, l) => n + l.length + 1, 0) };
  if (diff) {
    out.push(...table('Regressions', diff.regressions, opts, diff, budget));
    out.push(...table('Accepted by a suppression (not counted)', diff.accepted, opts, diff, budget));
    out.push(...table('Improvements', diff.improvements, opts, diff, budget));
    out.push(...table(`Judged against another strategy (${md(diff.strategies.head)} instead of ${md(diff.strategies.base)}; code unchanged, not counted as improvements)`, diff.byStrategy, opts, diff, budget));
    out.push(...table(`Judged differently by drcheck ${md(diff.toolChanged?.to ?? '')} (code unchanged, not counted)`, diff.rejudged, opts, diff, budget));
  } else {
    out.push(`> ${md(opts.verdict)}`, '');
    if (opts.failed) {
      const failing = report.resources.filter((r) => r.status === 'fail' || r.status === 'unknown');
      const changes: Change[] = failing.map((r) => {
        const message = r.findings.find((f) => !f.suppressed)?.message ?? r.reason;
        return { kind: 'status-worsened', id: r.id, resource: r, message, detail: message };
      });
      out.push(...table('Failing resources (no baseline to compare with, so every finding counts)', changes, opts, null, budget));
    }
  }
  out.push(...tail);
  return out.join('\n');
}

export function renderPrComment(report: PostureReport, diff: PostureDiff | null, opts: CommentOptions): string {
  return renderComparison(report, diff, opts, true);
}
