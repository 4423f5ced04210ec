/**
 * Escaping of untrusted text (resource names, addresses, file paths, messages) for every place it lands.
 * Resource names come from code anyone can put in a pull request.
 */

/** Control characters (except nothing): replaced by spaces so they cannot reshape output. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * U+2060 WORD JOINER: invisible, no line break, and not punctuation or space, so no autolink rule starts or goes on
 * across it. Entities (`&#58;`) or backslash escapes would not do: some renderers autolink after decoding them
 * (markdown-it before 13, GitHub's second, transform-time pass for e-mail addresses).
 */
const WJ = '\u2060';

/**
 * Labels that markdown-it's linkify (linkify-it) takes as a top-level domain when it links bare domains
 * (`evil.com`, fuzzyLink): every two-letter label (country codes), its generic list, punycode, and any label
 * starting with a non-ASCII letter. A dot before one of them gets a word joiner, so no host ends in a known TLD.
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
 * Markdown inline text and table cells (headings and list items too): no formatting, links, autolinks, HTML or
 * cell breaks survive, and the text still reads as it was written (the autolink breaks are invisible).
 */
export function escapeMarkdown(text: string): string {
  return breakAutolinks(
    text
      .replace(CONTROL, ' ')
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
