/**
 * `drcheck diff`: the comparison of a baseline and a new posture report, as a table, JSON or Markdown.
 * The PR comment uses the same data (shared/engine/diff.ts) through the task's own Markdown.
 */
import pc from 'picocolors';
import { toolChangeNote, type Change, type PostureDiff } from '../../../../shared/engine/diff';
import type { PostureReport } from '../../../../shared/report/types';
import { escapeCode, escapeMarkdown } from './escape';
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
    after: c.kind === 'removed' || c.kind === 'source-unreadable' ? null : { redundancy: c.resource.redundancy, status: c.resource.status },
    message: c.message,
  };
}

export function renderDiff(diff: PostureDiff, head: PostureReport, format: 'table' | 'json' | 'markdown', opts: { color?: boolean } = {}): string {
  if (format === 'json') {
    const json = {
      regressions: diff.regressions.map(changeJson),
      improvements: diff.improvements.map(changeJson),
      other: diff.other.map(changeJson),
      rejudged: diff.rejudged.map(changeJson),
      unchanged: diff.unchanged,
      strategyChanged: diff.strategyChanged,
      toolChanged: diff.toolChanged,
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  if (format === 'markdown') {
    const out: string[] = [`## DR posture: ${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'}, ${diff.improvements.length} improvement${diff.improvements.length === 1 ? '' : 's'}`, ''];
    const table = (title: string, list: Change[]) => {
      if (!list.length) return;
      out.push(`### ${title}`, '', '| Resource | Change | Before | After | Location |', '|---|---|---|---|---|');
      for (const c of list) {
        const before = c.base ? `${c.base.redundancy} / ${c.base.status}` : '—';
        const after = c.kind === 'removed' ? '—' : c.kind === 'source-unreadable' ? 'not read' : `${c.resource.redundancy} / ${c.resource.status}`;
        out.push(`| ${escapeMarkdown(c.resource.name ?? c.resource.address)}<br>\`${escapeCode(c.resource.type, { table: true })}\` | ${escapeMarkdown(c.message)} | ${before} | ${after} | ${escapeMarkdown(c.resource.file)}:${c.resource.line} |`);
      }
      out.push('');
    };
    table('Regressions', diff.regressions);
    table('Improvements', diff.improvements);
    table('Added and removed', diff.other);
    if (diff.toolChanged) table(`Judged differently by drcheck ${escapeMarkdown(diff.toolChanged.to)} (code unchanged, not counted)`, diff.rejudged);
    if (diff.strategyChanged) out.push(`> The strategy changed; the new run is judged against **${head.strategy}**.`, '');
    if (diff.toolChanged) out.push(`> ${toolChangeNote(diff, escapeMarkdown)}`, '');
    return `${out.join('\n')}\n`;
  }
  const c = pc.createColors(!!opts.color);
  const out: string[] = [];
  out.push(`${c.bold('drcheck diff')}: ${diff.regressions.length ? c.red(`${diff.regressions.length} regression${diff.regressions.length === 1 ? '' : 's'}`) : c.green('no regressions')}, ${diff.improvements.length} improvement${diff.improvements.length === 1 ? '' : 's'}, ${diff.other.length} added/removed, ${diff.unchanged} unchanged`);
  const section = (title: string, list: Change[], mark: string) => {
    if (!list.length) return;
    out.push('', c.bold(title));
    for (const ch of list) out.push(`  ${mark} ${plain(ch.message)}  ${c.dim(`${plain(ch.resource.file)}:${ch.resource.line}`)}`);
  };
  section('Regressions', diff.regressions, c.red('▼'));
  section('Improvements', diff.improvements, c.green('▲'));
  section('Added and removed', diff.other, c.dim('•'));
  if (diff.toolChanged) section(`Judged differently by drcheck ${plain(diff.toolChanged.to)} (code unchanged, not counted)`, diff.rejudged, c.dim('↻'));
  if (diff.strategyChanged) out.push('', c.yellow(`The strategy changed; the new run is judged against ${head.strategy}.`));
  if (diff.toolChanged) out.push('', c.yellow(toolChangeNote(diff, plain)));
  return `${out.join('\n')}\n`;
}
