/**
 * Escaping of untrusted text (resource names, addresses, file paths, messages) for every place it lands.
 * Resource names come from code anyone can put in a pull request.
 */

/** Control characters (except nothing): replaced by spaces so they cannot reshape output. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * U+2060 WORD JOINER: invisible, no line break, and not punctuation or space, so no autolink rule starts or goes on
 * across it. Entities (`&#58;`) or backslash escapes would not do: some renderers autolink after decoding them
 * (markdown-it before 13, GitHub's second, transform-time pass for e-mail addresses). Only text that starts a link
 * (`scheme://`, `//host`, `www.`, an `@`) gets one; names and paths are put in code spans instead (see escapeMarkdown).
 */
const WJ = '\u2060';

/**
 * Labels that markdown-it's linkify (linkify-it) takes as a top-level domain when it links bare domains
 * (`evil.com`, fuzzyLink): every two-letter label (country codes), its generic list, punycode, and any label
 * starting with a non-ASCII letter. A word with a dot before one of them is a code span (a word joiner after the
 * dot in the start of a written-out link), so no host ends in a known TLD.
 */
const TLD_DOT = /\.(?=(?:[a-z]{2}|biz|com|edu|gov|net|org|pro|web|xxx|aero|asia|coop|info|museum|name|shop)(?![a-z0-9])|[^\x00-\x7f])/gi;

/**
 * Breaks everything an autolink needs, with invisible word joiners, so the text renders as it was written but no
 * Markdown renderer links it, whatever comes before: GFM extended autolinks (`http://`, `https://`, `ftp://`,
 * `www.`, `a@b.c`, `mailto:`/`xmpp:` with an address), which start after whitespace or `*`, `_`, `~`, `(`, `[`,
 * and markdown-it/linkify-it (also `//host`, bare `host.tld`, IPv4 addresses and e-mail addresses).
 */
function breakAutolinks(text: string): string {
  return text
    .replace(/:(?=\/)/g, `:${WJ}`) // scheme://  (the `://` of every protocol autolink)
    .replace(/\/(?=\/)/g, `/${WJ}`) // //host      (linkify-it's protocol-relative links)
    .replace(/@/g, `${WJ}@`) // a@b.c      (the local part must touch the `@`)
    .replace(/(www)(?=\.)/gi, `$1${WJ}`) // www.host  (GFM needs the four characters `www.` together)
    .replace(TLD_DOT, `.${WJ}`) // host.com (linkify-it's bare domains need a known TLD right after a dot)
    .replace(/(\d\.\d{1,3}\.\d{1,3})\.(?=\d)/g, `$1.${WJ}`); // 10.0.0.1 (linkify-it's fuzzyIP needs four octets)
}

/**
 * A word of a name, a path or a property path (`sku.name`, `infra/main.tf`, `azurerm_postgresql_flexible_server.pg.id`,
 * `10.0.0.1`): ASCII letters, digits, `_`, `.`, `-` and `/`, and any non-ASCII character but a space. None of them
 * needs escaping in a code span, or ends one, or a table cell.
 */
const WORD = /(?:[\w./-]|[^\s\x00-\x7f])+/gu;

/**
 * Whether text holds the start of a link written out (`scheme://`, `//host`, `www.`): such text is never put in a code
 * span, by escapeMarkdown or by the PR comment's file references, but shown with word joiners, so no plain-text
 * reader links it either.
 */
export const startsLink = (text: string): boolean => /\/\/|www\./i.test(text);

/**
 * Whether a word goes into a code span: one that an autolinker would take for a host (`sku.name`, `main.tf` end in
 * a top-level domain) or an IPv4 address, but that starts no link. No renderer autolinks in a code span (GFM and
 * markdown-it link text, not code; GitHub's mention and reference filters skip code), and it copies as written,
 * where word joiners would be copied too and make the path match no search.
 *
 * The PR comment's file references (pipeline/comment.ts, fileRef) have a code-span rule of their own, on purpose:
 * this one asks which words of free text *need* a span, so prose stays prose (`Standard_LRS`, `infra/a.json` stay
 * text); fileRef asks whether a whole `file:line` *can* be one, and makes every plain path a span, line included,
 * so every file reads and copies alike. What the two share, never a span for the start of a link, is startsLink.
 */
const needsCodeSpan = (word: string) => breakAutolinks(word) !== word && !startsLink(word);

/**
 * Markdown inline text and table cells (headings and list items too): no formatting, links, autolinks, HTML or
 * cell breaks survive, and the text still reads as it was written. Words an autolinker would take for a host or an
 * address (`sku.name`, `infra/main.tf`) are code spans, which copy as written; the start of a written-out link
 * (`https://`, `www.`, `a@b`) is broken by invisible word joiners.
 */
export function escapeMarkdown(text: string): string {
  const line = text.replace(CONTROL, ' ');
  let out = '';
  let from = 0;
  for (const m of line.matchAll(WORD)) {
    // A full stop that ends the sentence is not part of the path (trimmed by hand: `/\.+$/` is quadratic on a run of dots).
    let end = m[0].length;
    while (end > 0 && m[0].charCodeAt(end - 1) === 0x2e) end--;
    const word = m[0].slice(0, end);
    if (!word || !needsCodeSpan(word)) continue;
    out += `${escapeText(line.slice(from, m.index))}\`${word}\``;
    from = m.index + word.length;
  }
  return out + escapeText(line.slice(from));
}

/** Text outside code spans: every Markdown, HTML and logging-command character escaped, links broken. */
function escapeText(text: string): string {
  return breakAutolinks(
    text
      .replace(/[\\`*_{}[\]()#+!|~-]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/##vso\[/gi, '#&#35;vso[')
      .replace(/##\[/g, '#&#35;['),
  );
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
