/**
 * `drcheck diff`: the comparison of a baseline and a new posture report, as a table, JSON or Markdown.
 * The Markdown is the pull-request comment's own rendering (pipeline/comment.ts) without what only a pull request
 * has, so it previews the comment; all three show the same lists from shared/engine/diff.ts.
 */
import pc from 'picocolors';
import { shortText, toolChangeNote, type Change, type PostureDiff } from '../../../../shared/engine/diff';
import type { PostureReport } from '../../../../shared/report/types';
import { renderComparison } from '../pipeline/comment';
import { plain } from './table';

function changeJson(c: Change) {
  return {
    kind: c.kind,
    id: c.id,
    type: c.resource.type,
    name: c.resource.name,
    address: c.resource.address,
    file: c.resource.file,
    line: c.resource.line,
    before: c.base ? { redundancy: c.base.redundancy, status: c.base.status } : null,
    after: c.kind === 'removed' || c.kind === 'source-unreadable' || c.kind === 'file-unreadable' ? null : { redundancy: c.resource.redundancy, status: c.resource.status },
    message: c.message,
    ...(c.renamedFrom ? { renamedFrom: c.renamedFrom } : {}),
    ...(c.moved ? { moved: true } : {}),
  };
}

export interface DiffRenderOptions {
  color?: boolean;
  /** One sentence on what was compared (the Markdown's, as the PR comment's baseline note). */
  baselineNote?: string;
}

export function renderDiff(diff: PostureDiff, head: PostureReport, format: 'table' | 'json' | 'markdown', opts: DiffRenderOptions = {}): string {
  if (format === 'json') {
    const json = {
      regressions: diff.regressions.map(changeJson),
      improvements: diff.improvements.map(changeJson),
      other: diff.other.map(changeJson),
      rejudged: diff.rejudged.map(changeJson),
      accepted: diff.accepted.map(changeJson),
      byStrategy: diff.byStrategy.map(changeJson),
      unchanged: diff.unchanged,
      strategyChanged: diff.strategyChanged,
      strategies: diff.strategies,
      strategyLowered: diff.strategyLowered,
      toolChanged: diff.toolChanged,
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  if (format === 'markdown') {
    // No repository link: a local preview has no repository URL; files are shown as in the comment.
    return `${renderComparison(head, diff, { baselineNote: opts.baselineNote ?? '', failed: diff.regressions.length > 0, verdict: '' }, false)}\n`;
  }
  const c = pc.createColors(!!opts.color);
  const out: string[] = [];
  const others = diff.other.length ? `${diff.other.length} added/removed/renamed` : '0 added/removed';
  out.push(`${c.bold('drcheck diff')}: ${diff.regressions.length ? c.red(`${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'}`) : c.green('no regressions')}, ${diff.improvements.length} improvement${diff.improvements.length === 1 ? '' : 's'}, ${others}, ${diff.unchanged} unchanged`);
  if (diff.strategyLowered) out.push('', c.yellow(`Warning: the strategy was lowered: judged against ${diff.strategies.head}; the baseline against ${diff.strategies.base}.`));
  const section = (title: string, list: Change[], mark: string) => {
    if (!list.length) return;
    out.push('', c.bold(title));
    // A file's change names the file itself; a resource's is followed by where it is.
    for (const ch of list) out.push(`  ${mark} ${plain(shortText(ch.message, 600))}${ch.kind === 'file-unreadable' ? '' : `  ${c.dim(`${plain(ch.resource.file)}:${ch.resource.line}`)}`}`);
  };
  section('Regressions', diff.regressions, c.red('▼'));
  section('Accepted by a suppression (not counted)', diff.accepted, c.yellow('◆'));
  section('Improvements', diff.improvements, c.green('▲'));
  section(`Judged against another strategy (${diff.strategies.head} instead of ${diff.strategies.base}; code unchanged, not counted as improvements)`, diff.byStrategy, c.dim('↻'));
  section('Added, removed and renamed', diff.other, c.dim('•'));
  if (diff.toolChanged) section(`Judged differently by drcheck ${plain(diff.toolChanged.to)} (code unchanged, not counted)`, diff.rejudged, c.dim('↻'));
  if (diff.strategyChanged && !diff.strategyLowered) out.push('', c.yellow(`The strategy changed: judged against ${diff.strategies.head}; the baseline against ${diff.strategies.base}.`));
  if (diff.toolChanged) out.push('', c.yellow(toolChangeNote(diff, plain)));
  return `${out.join('\n')}\n`;
}
