/**
 * HCL files: first through drcheck's own one-pass reader of the native syntax (`hclsyntax.ts`), which gives
 * the same document as @cdktf/hcl2json for the files it covers; everything else (heredocs, template
 * directives, syntax errors) through @cdktf/hcl2json, HashiCorp's own HCL2 parser compiled to WebAssembly,
 * plus the line of every block header, which hcl2json does not report.
 */
import { parseHclSyntax, type HclDoc, type ParsedHcl } from './hclsyntax';
import { positionAt } from '../position';
import { escapeRe } from './expressions';
import { parseTerraformJson } from './json-syntax';

/** A configuration file in Terraform's JSON syntax (`main.tf.json`). */
export const isJsonSyntax = (fileName: string): boolean => fileName.toLowerCase().endsWith('.tf.json');

/** A configuration file of a module, in either syntax (not a variable file); any case, as the scan routes files. */
export const isConfigurationFile = (fileName: string): boolean => fileName.toLowerCase().endsWith('.tf') || isJsonSyntax(fileName);

type Hcl2Json = typeof import('@cdktf/hcl2json');
let hcl2json: Hcl2Json | undefined;
/** Loaded on first use: compiling the WebAssembly parser costs ~100 ms, which scans without Terraform never pay. */
function parser(): Hcl2Json {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl2json ??= require('@cdktf/hcl2json') as Hcl2Json;
  return hcl2json;
}

export type { HclDoc, ParsedHcl };

export interface HclParseError {
  message: string;
  line: number;
  column: number;
}

const HEADER = /^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"|^[ \t]*(module)[ \t]+"([^"]+)"|^[ \t]*(moved)[ \t]*\{/gm;

/** The lines of top-level block headers, keyed as ParsedHcl.lines is (see hclsyntax.ts). */
export function blockLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let last = 0;
  let moved = 0;
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    for (let i = text.indexOf('\n', last); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    last = m.index;
    const key = m[1] ? `${m[1]}.${m[2]}.${m[3]}` : m[4] ? `module.${m[5]}` : `moved.${moved++}`;
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}

/** Parses one .tf, .tf.json or .tfvars file. Syntax errors come back with the parser's line and column. */
export async function parseHcl(fileName: string, text: string): Promise<ParsedHcl | HclParseError> {
  if (isJsonSyntax(fileName)) return parseTerraformJson(text);
  const fast = parseHclSyntax(text);
  if (fast) return fast;
  try {
    const doc = (await parser().parse(fileName, text)) as HclDoc;
    return { doc, lines: blockLines(text) };
  } catch (e) {
    return parseError(fileName, String((e as Error)?.message ?? e));
  }
}

/** Characters of a syntax error's text a message keeps (one cause, not the cascade after it). */
const ERROR_SHOWN = 300;

/**
 * One error from hcl2json's report, `parse config: [<file>:<line>,<col>-<line>,<col>: <summary>; <detail> <file>:…]`:
 * the first diagnostic, or the last when it is at or before the first (one missing closing quote makes a cascade of
 * "Invalid multi-line string" errors, one per line to the end of the file, and only the last, "Unterminated template
 * string", names the cause, at the quote's position). Its text is cut short, and the others are counted.
 */
function parseError(fileName: string, msg: string): HclParseError {
  const at = new RegExp(`${escapeRe(fileName)}:(\\d+),(\\d+)(?:-\\d+(?:,\\d+)?)?: `, 'g');
  const diags: Array<{ line: number; column: number; start: number; end: number }> = [];
  for (let m = at.exec(msg); m; m = at.exec(msg)) {
    if (diags.length) diags[diags.length - 1].end = m.index;
    diags.push({ line: Number(m[1]), column: Number(m[2]), start: m.index + m[0].length, end: msg.length });
  }
  if (!diags.length) return { line: 1, column: 1, message: `invalid HCL: ${cut(msg.replace(/^Error: /, '').split('\n')[0])}` };
  const first = diags[0];
  const last = diags[diags.length - 1];
  const chosen = last.line < first.line || (last.line === first.line && last.column <= first.column) ? last : first;
  const text = msg.slice(chosen.start, chosen.end).trim().replace(/\]$/, '').trim().replace(/\.$/, '');
  const more = diags.length - 1;
  return { line: chosen.line, column: chosen.column, message: `invalid HCL: ${cut(text)}${more ? ` (and ${more} more error${more === 1 ? '' : 's'})` : ''}` };
}

const cut = (text: string) => (text.length > ERROR_SHOWN ? `${text.slice(0, ERROR_SHOWN - 1)}…` : text);

/**
 * A variable file in JSON (`terraform.tfvars.json`, `*.auto.tfvars.json`, a `-var-file` ending in `.json`): Terraform
 * reads it as HCL's JSON syntax, an object of variable values. Errors come back with their line and column.
 */
export function parseVarsJson(text: string): ParsedHcl | HclParseError {
  const body = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    return { ...(at ? positionAt(body, Number(at[1])) : { line: 1, column: 1 }), message: `invalid JSON: ${msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')}` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { line: 1, column: 1, message: 'invalid variable file: the JSON must be an object of variable values' };
  return { doc: doc as HclDoc, lines: new Map() };
}
