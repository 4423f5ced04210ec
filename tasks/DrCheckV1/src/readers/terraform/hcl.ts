/**
 * HCL files: first through drcheck's own one-pass reader of the native syntax (`hclsyntax.ts`), which gives
 * the same document as @cdktf/hcl2json for the files it covers; everything else (heredocs, template
 * directives, syntax errors) through @cdktf/hcl2json, HashiCorp's own HCL2 parser compiled to WebAssembly,
 * plus the line of every block header, which hcl2json does not report.
 */
import { parseHclSyntax, type HclDoc, type ParsedHcl } from './hclsyntax';

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

const HEADER = /^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"|^[ \t]*(module)[ \t]+"([^"]+)"/gm;

export function blockLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let last = 0;
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    for (let i = text.indexOf('\n', last); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    last = m.index;
    const key = m[1] ? `${m[1]}.${m[2]}.${m[3]}` : `module.${m[5]}`;
    if (!lines.has(key)) lines.set(key, line);
  }
  return lines;
}

/** Parses one .tf or .tfvars file. Syntax errors come back with the parser's line and column. */
export async function parseHcl(fileName: string, text: string): Promise<ParsedHcl | HclParseError> {
  const fast = parseHclSyntax(text);
  if (fast) return fast;
  try {
    const doc = (await parser().parse(fileName, text)) as HclDoc;
    return { doc, lines: blockLines(text) };
  } catch (e) {
    const msg = String((e as Error)?.message ?? e);
    // hcl2json reports "<file>:<line>,<col>-<line>,<col>: <summary>; <detail>"
    const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]+)/.exec(msg);
    if (m) return { line: Number(m[1]), column: Number(m[2]), message: `invalid HCL: ${m[3].trim().replace(/\.$/, '')}` };
    return { line: 1, column: 1, message: `invalid HCL: ${msg.replace(/^Error: /, '').split('\n')[0]}` };
  }
}
