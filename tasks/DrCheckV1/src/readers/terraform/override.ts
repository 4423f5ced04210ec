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
import { isTerraformOverrideFile, type ScanIssue } from '../../../../../shared/model/resource';
import { setProp } from '../../../../../shared/model/value';
import { positionAt } from '../position';
import { escapeRe } from './expressions';
import { isBody, LABELS, type Body } from './json-syntax';
import type { ModuleFile } from './module';

const bodiesOf = (v: unknown): Body[] => (Array.isArray(v) ? v.filter(isBody) : isBody(v) ? [v] : []);

/** `dynamic` as one object of block names (the document may give a list of such objects). */
function dynamicSpecs(v: unknown): Record<string, unknown[]> {
  // No prototype: a block type named `__proto__` is a key like any other.
  const out: Record<string, unknown[]> = Object.create(null);
  for (const specs of bodiesOf(v)) for (const [name, list] of Object.entries(specs)) out[name] = [...(out[name] ?? []), ...(Array.isArray(list) ? list : [list])];
  return out;
}

/** The objects of a list (or one object) as one object, a `__proto__` name kept as data. */
function oneObject(v: unknown): Body {
  const out: Body = {};
  for (const b of bodiesOf(v)) for (const [k, x] of Object.entries(b)) setProp(out, k, x);
  return out;
}

/** A resource or data block with an override block merged in. */
function mergeResource(base: Body, over: Body): Body {
  const out: Body = { ...base };
  const overDynamic = dynamicSpecs(over.dynamic);
  const dynamic = dynamicSpecs(base.dynamic);
  // Each argument or block type the override names replaces the base's, blocks written out and dynamic ones alike;
  // the override's own blocks of a type, written and dynamic, are all kept.
  for (const k of [...Object.keys(over), ...Object.keys(overDynamic)]) {
    if (k === 'dynamic' || k === 'lifecycle' || k === 'depends_on') continue;
    delete out[k];
    delete dynamic[k];
  }
  for (const [k, v] of Object.entries(over)) {
    if (k === 'dynamic' || k === 'depends_on') continue; // (depends_on in an override block is Terraform's error; the original's stays)
    if (k === 'lifecycle') out.lifecycle = [{ ...bodiesOf(base.lifecycle)[0], ...bodiesOf(v)[0] }];
    else setProp(out, k, v);
  }
  for (const [name, specs] of Object.entries(overDynamic)) setProp(dynamic, name, specs);
  if (Object.keys(dynamic).length) out.dynamic = dynamic;
  else delete out.dynamic;
  return out;
}

/** Arguments of other blocks: replaced one by one. A variable keeps its own validation rules (Terraform does not merge them). */
function mergeBlock(kind: string, base: Body, over: Body): Body {
  const out: Body = { ...base };
  for (const [k, v] of Object.entries(over)) if (!(kind === 'variable' && k === 'validation')) setProp(out, k, v);
  return out;
}

/**
 * A `terraform` override block: each `required_providers` entry replaces that provider's wherever the module declares it
 * (or joins the first block's), every other setting is set in the module's first `terraform` block.
 */
function mergeTerraform(base: ModuleFile[], over: Body): void {
  const { required_providers: required, ...settings } = over;
  const entries = oneObject(required);
  const placed = new Set<string>();
  for (const b of base) {
    if (!bodiesOf(b.parsed.doc.terraform).length) continue;
    b.parsed.doc.terraform = bodiesOf(b.parsed.doc.terraform).map((t) => {
      if (t.required_providers === undefined) return t;
      const list = bodiesOf(t.required_providers).map((r) => {
        const copy = { ...r };
        for (const [name, spec] of Object.entries(entries)) {
          if (!Object.hasOwn(copy, name)) continue;
          setProp(copy, name, spec);
          placed.add(name);
        }
        return copy;
      });
      return { ...t, required_providers: list };
    });
  }
  const target = base.find((b) => bodiesOf(b.parsed.doc.terraform).length) ?? base[0];
  if (!target) return;
  const [first = {}, ...others] = bodiesOf(target.parsed.doc.terraform);
  const merged = mergeBlock('terraform', first, settings);
  const rest = Object.entries(entries).filter(([name]) => !placed.has(name));
  if (rest.length) {
    const providers = oneObject(first.required_providers);
    for (const [name, spec] of rest) setProp(providers, name, spec);
    merged.required_providers = [providers];
  }
  target.parsed.doc.terraform = [merged, ...others];
}

/**
 * The line of a block's header (`variable "location" {`, or its last label's `"location": {` in JSON syntax) or of a local
 * value in an override file, found in its text (override files are small); 1 when it cannot be found.
 */
function lineIn(f: ModuleFile, kind: string, labels: string[]): number {
  const last = labels[labels.length - 1];
  const native = kind === 'locals' ? `${escapeRe(last)}[ \\t]*=` : `${escapeRe(kind)}${labels.map((l) => `[ \\t]+"${escapeRe(l)}"`).join('')}[ \\t]*\\{`;
  const json = `"${escapeRe(last ?? kind)}"[ \\t]*:`;
  const m = new RegExp(`^[ \\t]*(?:${native}|${json})`, 'm').exec(f.text);
  return m ? positionAt(f.text, m.index).line : 1;
}

/**
 * The module's files with its override files merged into the others, in Terraform's order; the override files themselves
 * are not returned. Documents are copied where they change: the parsed files stay as read for every other module run.
 */
export function applyOverrides(files: ModuleFile[], issues: ScanIssue[]): ModuleFile[] {
  const overrides = files.filter((f) => isTerraformOverrideFile(f.path));
  if (!overrides.length) return files;
  const base = files.filter((f) => !isTerraformOverrideFile(f.path)).map((f) => ({ ...f, parsed: { ...f.parsed, doc: { ...f.parsed.doc } } }));
  const name = (f: ModuleFile) => path.basename(f.path);
  overrides.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));

  /** A block's bodies at a header in a document, `resource.<type>.<name>` (undefined when there is none). */
  const at = (doc: Body, kind: string, labels: string[]): unknown[] | undefined => {
    let cur: unknown = doc[kind];
    for (const label of labels) {
      const level = oneObject(cur);
      if (!Object.hasOwn(level, label)) return undefined;
      cur = level[label];
    }
    return Array.isArray(cur) ? cur : [cur];
  };
  /** Sets a block's bodies at a header, copying each level on the way. */
  const put = (doc: Body, kind: string, labels: string[], bodies: unknown[]): void => {
    const set = (container: unknown, i: number): Body => {
      const level = oneObject(container);
      setProp(level, labels[i], i === labels.length - 1 ? bodies : set(level[labels[i]], i + 1));
      return level;
    };
    doc[kind] = set(doc[kind], 0);
  };
  const unmatched = (f: ModuleFile, header: string, line: number) =>
    issues.push({
      file: f.rel,
      line,
      column: 1,
      severity: 'warning',
      code: 'override-unmatched',
      message: `override block ${header} has no block of that header in the module's other files to merge into (Terraform refuses it); not applied`,
    });

  for (const f of overrides) {
    const doc = f.parsed.doc;
    for (const [kind, value] of Object.entries(doc)) {
      const labels = LABELS[kind] ?? 0;
      if (labels > 0) {
        // Every header the override file gives: `resource.<type>.<name>` and its bodies.
        const walk = (v: unknown, header: string[]): void => {
          if (header.length < labels) {
            for (const level of bodiesOf(v)) for (const [label, inner] of Object.entries(level)) walk(inner, [...header, label]);
            return;
          }
          const written = `${kind} ${header.map((p) => JSON.stringify(p)).join(' ')}`;
          for (const over of bodiesOf(v)) {
            // A provider block is one per alias: the override merges into the one with its alias.
            const matches = (x: unknown): x is Body => isBody(x) && (kind !== 'provider' || x.alias === over.alias);
            const target = base.find((b) => at(b.parsed.doc, kind, header)?.some(matches));
            if (!target) {
              // (A default provider configuration may be given in an override file alone: Terraform accepts it.)
              if (!(kind === 'provider' && over.alias === undefined)) unmatched(f, written, f.parsed.lines.get(`${kind}.${header.join('.')}`) ?? lineIn(f, kind, header));
              continue;
            }
            // resource, data and ephemeral blocks (two labels) merge their nested blocks and lifecycle as Terraform does.
            const bodies = at(target.parsed.doc, kind, header)!.map((x) => (matches(x) ? (labels === 2 ? mergeResource(x, over) : mergeBlock(kind, x, over)) : x));
            put(target.parsed.doc, kind, header, bodies);
          }
        };
        walk(value, []);
      } else if (kind === 'locals') {
        for (const block of bodiesOf(value)) {
          for (const [name, v] of Object.entries(block)) {
            const target = base.find((b) => bodiesOf(b.parsed.doc.locals).some((l) => Object.hasOwn(l, name)));
            if (!target) {
              unmatched(f, `locals { ${name} }`, lineIn(f, 'locals', [name]));
              continue;
            }
            target.parsed.doc.locals = bodiesOf(target.parsed.doc.locals).map((l) => (Object.hasOwn(l, name) ? mergeBlock('locals', l, { [name]: v }) : l));
          }
        }
      } else if (kind === 'terraform') {
        for (const over of bodiesOf(value)) mergeTerraform(base, over);
      } else {
        const line = kind === 'moved' ? (f.parsed.lines.get('moved.0') ?? 1) : lineIn(f, kind, []);
        issues.push({ file: f.rel, line, column: 1, severity: 'warning', code: 'override-unmatched', message: `${kind} blocks in an override file are not read` });
      }
    }
  }
  return base;
}
