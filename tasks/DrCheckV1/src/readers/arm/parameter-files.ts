/**
 * JSON parameters files (`deploymentParameters.json` schema) found in the scan, and the templates they are for.
 *
 * A parameters file reaches its template by the config's `parameters` mapping, by name (`<name>.parameters.json` beside
 * `<name>.json` or `<name>.bicep`), or by a metadata link: `metadata.template` naming the template, the convention PSRule
 * for Azure reads (https://azure.github.io/PSRule.Rules.Azure/using-templates/). A path starting `./` or `../` is relative
 * to the parameters file; any other is relative to the scanned folder, else to the parameters file.
 *
 * A template is judged once: with the parameters file the config maps to it, else the one named after it, else the first
 * (by path) linked to it by metadata (a link adds a file for a template that has none; it never displaces the one a
 * repository already deployed it with). A parameters file no template was read with (one a pipeline passes to
 * `az deployment … --parameters`, `params.prod.json`) is reported, never dropped in silence: what it sets is not what
 * drcheck judged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { ScanIssue } from '../../../../../shared/model/resource';
import { positionAt } from '../position';
import type { ReaderContext, SourceFile } from '../types';

const PARAMETERS_SCHEMA = /"\$schema"\s*:\s*"[^"]*\/deploymentParameters\.json/i;

/** Whether a JSON text is an ARM parameters file (by its `$schema`). */
export function isParametersFile(text: string): boolean {
  return PARAMETERS_SCHEMA.test(text.length > 65536 ? text.slice(0, 65536) : text);
}

interface MetadataLink {
  file: SourceFile;
  /** `metadata.template` as written, and where. */
  written: string;
  line: number;
  column: number;
  /** The template it names, when that file exists. */
  template?: string;
}

/** The value of an object node's property, its name in any case (ARM reads property names so). */
function propertyIn(node: JsonNode | undefined, name: string): JsonNode | undefined {
  if (node?.type !== 'object') return undefined;
  const props = node.children ?? [];
  const match = props.find((p) => p.children?.[0]?.value === name) ?? props.find((p) => String(p.children?.[0]?.value).toLowerCase() === name);
  return match?.children?.[1];
}

/** The `metadata.template` link of a parameters file, if it has one. */
function metadataLink(file: SourceFile, scanned: readonly string[], confine: (abs: string) => string | undefined): MetadataLink | undefined {
  // Only a file that names a link is parsed as a tree (a repository may hold thousands of parameters files).
  if (!/"template"/i.test(file.text)) return undefined;
  const tree = parseTree(file.text.replace(/^\uFEFF/, ' '), [], { allowTrailingComma: true });
  const node = tree && propertyIn(propertyIn(tree, 'metadata'), 'template');
  if (!node || node.type !== 'string' || typeof node.value !== 'string' || !node.value.trim()) return undefined;
  const written = node.value.trim();
  // Written on Windows (`.\\storage.json`, `..\\infra\\main.bicep`) as PSRule reads it there: the same path.
  const portable = written.replace(/\\/g, '/');
  const here = path.dirname(file.path);
  const relative = /^\.\.?\//.test(portable);
  const candidates = relative ? [path.resolve(here, portable)] : [...scanned.map((root) => path.resolve(root, portable)), path.resolve(here, portable)];
  const template = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile() && confine(c) !== undefined);
  return { file, written, ...positionAt(file.text, node.offset), ...(template ? { template } : {}) };
}

export interface ParameterLinks {
  /** Template (absolute path) → the parameters files linked to it by metadata, in path order. */
  readonly byTemplate: ReadonlyMap<string, readonly string[]>;
  /** Parameters file (absolute path) → its link. */
  readonly byFile: ReadonlyMap<string, MetadataLink>;
}

/**
 * The metadata links of the parameters files found. A path not starting `./` or `../` is tried against each scanned
 * folder, then the working folder (the sources directory in a pipeline), then the parameters file's own folder.
 */
export function linkParameterFiles(files: readonly SourceFile[], scanned: readonly string[], confine: (abs: string) => string | undefined): ParameterLinks {
  const links = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).flatMap((f) => metadataLink(f, scanned, confine) ?? []);
  const byTemplate = new Map<string, string[]>();
  for (const l of links) if (l.template) byTemplate.set(l.template, [...(byTemplate.get(l.template) ?? []), l.file.path]);
  return { byTemplate, byFile: new Map(links.map((l) => [l.file.path, l])) };
}

/**
 * A warning for each parameters file no template was read with (`read`: the absolute paths readers consumed), saying why
 * and how to have it read.
 */
export function unreadParameterFiles(
  files: readonly SourceFile[],
  linked: ParameterLinks,
  read: ReadonlySet<string>,
  ctx: Pick<ReaderContext, 'rel'> & { entries: ReadonlySet<string>; judgedWith: ReadonlyMap<string, string> },
): ScanIssue[] {
  const issues: ScanIssue[] = [];
  for (const f of files) {
    if (read.has(f.path)) continue;
    const link = linked.byFile.get(f.path);
    const at = link ? { line: link.line, column: link.column } : { line: 1, column: 1 };
    let message: string;
    if (link && !link.template) message = `metadata.template names '${link.written}', which is not a file in the repository: the parameters file is not read`;
    else if (link?.template) {
      const used = ctx.judgedWith.get(link.template);
      const template = ctx.rel(link.template);
      message = used
        ? `a second parameters file for ${template}, not read: the template is judged once, with the values of ${ctx.rel(used)} (map the one to judge under \`parameters\` in .drcheck.yml)`
        : ctx.entries.has(link.template)
          ? `${template}, which metadata.template names, is not read as a deployment of its own (a module or linked template is judged as its callers deploy it, a file drcheck cannot read not at all): the parameters file is not read`
          : `${template}, which metadata.template names, is not a template drcheck scanned: the parameters file is not read`;
    } else {
      // The one template beside it, when there is one, is likely its own.
      const beside = [...ctx.entries].filter((t) => path.dirname(t) === path.dirname(f.path));
      const its = beside.length === 1 ? `its template (${ctx.rel(beside[0])}?)` : 'its template';
      message = `a parameters file no scanned template is read with, so its values are not judged: map it to ${its} under \`parameters\` in .drcheck.yml, or set its \`metadata.template\` to the template's path`;
    }
    issues.push({ file: f.rel, ...at, severity: 'warning', code: 'parameters-not-read', message });
  }
  return issues;
}
