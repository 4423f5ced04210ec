/**
 * Escaping of untrusted text (resource names, addresses, file paths, messages) for every place it lands.
 * Resource names come from code anyone can put in a pull request.
 */

/** Control characters (except nothing): replaced by spaces so they cannot reshape output. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Markdown inline text and table cells: no formatting, links, HTML or cell breaks survive. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/[\\`*_{}[\]()#+!|~-]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/(^|\s)(https?):\/\//gi, '$1$2:&#47;&#47;')
    .replace(/##vso\[/gi, '#&#35;vso[')
    .replace(/##\[/g, '#&#35;[');
}

/**
 * Text inside a Markdown code span (`…`): backslash escapes and entities would show literally there, so only what
 * can end the span (a backtick) or the line is replaced, and, inside a table row, `|` is escaped (GFM splits cells first).
 */
export function escapeCode(text: string, opts: { table?: boolean } = {}): string {
  const code = text.replace(CONTROL, ' ').replace(/`/g, "'");
  return opts.table ? code.replace(/\|/g, '\\|') : code;
}

/** HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Text printed to a pipeline log: one line, and it can never start an agent logging command
 * (`##vso[…]`, `##[…]`) however the name is built.
 */
export function escapeLogLine(text: string): string {
  return text.replace(CONTROL, ' ').replace(/##(vso)?\[/gi, (m) => m.replace('##', '#\u200b#'));
}
