/**
 * Override files (`override.tf`, `*_override.tf`, and their `.tf.json` forms). Terraform loads them after a module's other
 * files, one by one in lexical order of name, and merges each top-level block into the block of the other files with the
 * same header (https://developer.hashicorp.com/terraform/language/files/override):
 * - an argument replaces the argument of that name; a nested block type replaces every block of that type, `dynamic` ones
 *   included; `lifecycle` is merged argument by argument;
 * - `locals` are replaced value by value, whichever `locals` block holds them;
 * - in `terraform`, each `required_providers` entry replaces that provider's, and every other setting is replaced.
 * Read as separate files they would be second declarations of the same resources (an account's `account_replication_type`
 * set to `GRS` in `override.tf` would leave the account `LRS` in the scan, plus a bogus copy). An override block with no
 * block to merge into, which Terraform refuses, is a warning and is not applied.
 */
import * as path from 'node:path';
import type { ScanIssue } from '../../../../../shared/model/resource';
import type { ModuleFile } from './module';

type Body = Record<string, unknown>;

/** Whether a file is an override file: `override.tf(.json)` or a name ending in `_override.tf(.json)`. */
export const isOverrideFile = (file: string): boolean => /(?:^|_)override\.tf(?:\.json)?$/.test(path.basename(file));

const isBody = (v: unknown): v is Body => v !== null && typeof v === 'object' && !Array.isArray(v);
const bodiesOf = (v: unknown): Body[] => (Array.isArray(v) ? v.filter(isBody) : isBody(v) ? [v] : []);

/** `dynamic` as one object of block names (the document may give a list of such objects). */
function dynamicSpecs(v: unknown): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const specs of bodiesOf(v)) for (const [name, list] of Object.entries(specs)) out[name] = [...(out[name] ?? []), ...(Array.isArray(list) ? list : [list])];
  return out;
}

/** A resource or data block with an override block merged in. */
function mergeResource(base: Body, over: Body): Body {
  const out: Body = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (k === 'lifecycle') {
      out.lifecycle = [{ ...bodiesOf(base.lifecycle)[0], ...bodiesOf(v)[0] }];
    } else if (k === 'dynamic') {
      const dynamic = dynamicSpecs(out.dynamic);
      for (const [name, specs] of Object.entries(dynamicSpecs(v))) {
        // A dynamic block replaces the blocks of its type, written or dynamic.
        delete out[name];
        dynamic[name] = specs;
      }
      out.dynamic = dynamic;
    } else if (k !== 'depends_on') {
      // (depends_on in an override block is Terraform's error; the original's stays.)
      out[k] = v;
      // Nested blocks written out replace the dynamic blocks of their type too.
      if (out.dynamic !== undefined && Object.hasOwn(dynamicSpecs(out.dynamic), k)) {
        const dynamic = dynamicSpecs(out.dynamic);
        delete dynamic[k];
        out.dynamic = dynamic;
      }
    }
  }
  return out;
}

/** `terraform` blocks: required_providers entry by entry, every other setting replaced. */
function mergeTerraform(base: Body, over: Body): Body {
  const out: Body = { ...base, ...over };
  if (over.required_providers !== undefined) out.required_providers = [Object.assign({}, ...bodiesOf(base.required_providers), ...bodiesOf(over.required_providers))];
  return out;
}

/** Labels of each kind of block an override merges by header. */
const LABELLED: Record<string, number> = { resource: 2, data: 2, ephemeral: 2, module: 1, variable: 1, output: 1, provider: 1 };

/**
 * The module's files with its override files merged into the others, in Terraform's order; the override files themselves
 * are not returned. Documents are copied where they change: the parsed files stay as read for every other module run.
 */
export function applyOverrides(files: ModuleFile[], issues: ScanIssue[]): ModuleFile[] {
  const overrides = files.filter((f) => isOverrideFile(f.path));
  if (!overrides.length) return files;
  const base = files.filter((f) => !isOverrideFile(f.path)).map((f) => ({ ...f, parsed: { ...f.parsed, doc: { ...f.parsed.doc } } }));
  overrides.sort((a, b) => (path.basename(a.path) < path.basename(b.path) ? -1 : path.basename(a.path) > path.basename(b.path) ? 1 : 0));

  /** A block's bodies at a header in a document, `resource.<type>.<name>` (undefined when there is none). */
  const at = (doc: Body, kind: string, labels: string[]): unknown[] | undefined => {
    let cur: unknown = doc[kind];
    for (const label of labels) {
      const level = Object.assign({}, ...bodiesOf(cur)) as Body;
      if (!Object.hasOwn(level, label)) return undefined;
      cur = level[label];
    }
    return Array.isArray(cur) ? cur : [cur];
  };
  /** Sets a block's bodies at a header, copying each level on the way. */
  const put = (doc: Body, kind: string, labels: string[], bodies: unknown[]): void => {
    const set = (container: unknown, i: number): Body => {
      const level: Body = Object.assign({}, ...bodiesOf(container));
      level[labels[i]] = i === labels.length - 1 ? bodies : set(level[labels[i]], i + 1);
      return level;
    };
    doc[kind] = set(doc[kind], 0);
  };
  const unmatched = (f: ModuleFile, header: string, key?: string) =>
    issues.push({
      file: f.rel,
      line: (key && f.parsed.lines.get(key)) || 1,
      column: 1,
      severity: 'warning',
      code: 'override-unmatched',
      message: `override block ${header} has no block of that header in the module's other files to merge into (Terraform refuses it); not applied`,
    });

  for (const f of overrides) {
    const doc = f.parsed.doc;
    for (const [kind, value] of Object.entries(doc)) {
      const labels = LABELLED[kind];
      if (labels !== undefined) {
        // Every header the override file gives: `resource.<type>.<name>` and its bodies.
        const walk = (v: unknown, path: string[]): void => {
          if (path.length < labels) {
            for (const level of bodiesOf(v)) for (const [label, inner] of Object.entries(level)) walk(inner, [...path, label]);
            return;
          }
          const header = `${kind} ${path.map((p) => JSON.stringify(p)).join(' ')}`;
          const key = `${kind}.${path.join('.')}`;
          for (const over of bodiesOf(v)) {
            // A provider block is one per alias: the override merges into the one with its alias.
            const matches = (x: unknown): x is Body => isBody(x) && (kind !== 'provider' || x.alias === over.alias);
            const target = base.find((b) => at(b.parsed.doc, kind, path)?.some(matches));
            if (!target) {
              unmatched(f, header, key);
              continue;
            }
            const bodies = at(target.parsed.doc, kind, path)!.map((x) => (matches(x) ? (kind === 'resource' || kind === 'data' || kind === 'ephemeral' ? mergeResource(x, over) : { ...x, ...over }) : x));
            put(target.parsed.doc, kind, path, bodies);
          }
        };
        walk(value, []);
      } else if (kind === 'locals') {
        for (const block of bodiesOf(value)) {
          for (const [name, v] of Object.entries(block)) {
            const target = base.find((b) => bodiesOf(b.parsed.doc.locals).some((l) => Object.hasOwn(l, name)));
            if (!target) {
              unmatched(f, `locals { ${name} }`);
              continue;
            }
            target.parsed.doc.locals = bodiesOf(target.parsed.doc.locals).map((l) => (Object.hasOwn(l, name) ? { ...l, [name]: v } : l));
          }
        }
      } else if (kind === 'terraform') {
        const target = base.find((b) => bodiesOf(b.parsed.doc.terraform).length) ?? base[0];
        if (!target) continue;
        const [first, ...rest] = bodiesOf(target.parsed.doc.terraform);
        target.parsed.doc.terraform = [bodiesOf(value).reduce(mergeTerraform, first ?? {}), ...rest];
      } else {
        issues.push({ file: f.rel, line: 1, column: 1, severity: 'warning', code: 'override-unmatched', message: `${kind} blocks in an override file are not read` });
      }
    }
  }
  return base;
}
