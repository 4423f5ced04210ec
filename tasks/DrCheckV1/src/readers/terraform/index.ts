/**
 * The Terraform readers: `.tf` configurations (azurerm and AzAPI) evaluated statically, and plan JSON
 * (`terraform show -json`) with the values Terraform computed. Both produce the same normalised
 * resources as the ARM reader: ARM type and ARM-shaped body, plus the Terraform type and address.
 */
import * as path from 'node:path';
import type { NormalisedResource } from '../../../../../shared/model/resource';
import { isObject, setProp, type Value } from '../../../../../shared/model/value';
import type { Reader, ReaderContext, ReadResult, SourceFile } from '../types';
import { evaluateHcl } from './expressions';
import { parseHcl } from './hcl';
import { positionsIn } from '../position';
import { childResources, loadFile, moduleBudget, parseJsonBody, runModule, type ModuleFile, type RunState } from './module';
import { deploysAzureResource, mapAzurerm } from './mappings';
import type { Attrs, Mapped } from './mappings/types';

export { parseHclString, evaluateHcl } from './expressions';

/** tfvars for a root module, in Terraform's precedence order: terraform.tfvars, *.auto.tfvars (lexical), then config varFiles. */
async function tfvarsFor(state: RunState, dir: string, inDir: SourceFile[], scanned: ReadonlySet<string>): Promise<Record<string, Value>> {
  const ordered = [...inDir.filter((f) => path.basename(f.path) === 'terraform.tfvars'), ...inDir.filter((f) => f.path.endsWith('.auto.tfvars')).sort((a, b) => a.path.localeCompare(b.path))];
  // A config varFile applies to the roots of its own folder; one that is a scanned file of another folder belongs to that folder.
  const extra = (state.ctx.config.terraform?.varFiles ?? []).map((v) => path.resolve(state.ctx.configDir, v)).filter((p) => path.dirname(p) === dir || !scanned.has(p));
  const values: Record<string, Value> = {};
  const apply = (m: ModuleFile | null) => {
    if (!m) return;
    const budget = moduleBudget(state, [m], m.rel);
    for (const [k, v] of Object.entries(m.parsed.doc)) setProp(values, k, evaluateHcl(v, { lookup: () => undefined as unknown as Value, budget }));
  };
  for (const f of ordered) apply(await loadFile(state, f.path, f.text));
  for (const p of extra) {
    if (path.dirname(p) !== dir) continue;
    apply(await loadFile(state, p));
  }
  return values;
}

/** Files with the given extension, by folder, in the order given. */
function byFolder(files: SourceFile[], extension: string): Map<string, SourceFile[]> {
  const out = new Map<string, SourceFile[]>();
  for (const f of files) {
    if (!f.path.endsWith(extension)) continue;
    const d = path.dirname(f.path);
    const list = out.get(d);
    if (list) list.push(f);
    else out.set(d, [f]);
  }
  return out;
}

export const terraformReader: Reader = {
  language: 'terraform',
  async read(files: SourceFile[], ctx: ReaderContext): Promise<ReadResult> {
    const state: RunState = { ctx, issues: [], resources: [], parsed: new Map(), parsing: new Map(), consumed: [], entered: new Set() };
    const dirs = byFolder(files, '.tf');
    // Every parse starts now; results are used in sorted order below, so issues stay deterministic.
    for (const list of dirs.values()) for (const f of list) state.parsing.set(f.path, parseHcl(path.basename(f.path), f.text));
    // Parse every scanned .tf file once; a folder called as a local module by another is not a root.
    const called = new Set<string>();
    /** Local module calls, folder → folders it calls (whatever their count/for_each). */
    const calls = new Map<string, Set<string>>();
    const loaded = new Map<string, ModuleFile[]>();
    for (const [dir, list] of [...dirs.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const mods: ModuleFile[] = [];
      for (const f of list.sort((a, b) => a.path.localeCompare(b.path))) {
        const m = await loadFile(state, f.path, f.text);
        if (m) mods.push(m);
      }
      loaded.set(dir, mods);
      for (const m of mods) {
        const modules = m.parsed.doc.module;
        for (const block of Array.isArray(modules) ? modules : modules ? [modules] : []) {
          for (const bodies of Object.values(block as Record<string, unknown>)) {
            for (const body of Array.isArray(bodies) ? bodies : [bodies]) {
              const src = (body as Record<string, unknown>).source;
              if (typeof src !== 'string' || !/^\.\.?[\\/]/.test(src)) continue;
              const target = path.resolve(dir, src);
              called.add(target);
              const out = calls.get(dir);
              if (out) out.add(target);
              else calls.set(dir, new Set([target]));
            }
          }
        }
      }
    }
    const scanned = new Set(files.map((f) => f.path));
    const tfvarsFiles = byFolder(files, '.tfvars');
    const runRoot = async (dir: string, mods: ModuleFile[]) => {
      const tfvars = await tfvarsFor(state, dir, tfvarsFiles.get(dir) ?? [], scanned);
      await runModule(state, { dir, root: dir, key: '', prefix: '', inputs: {}, isRoot: true, depth: 0, chain: [dir], tfvars }, mods);
    };
    for (const [dir, mods] of loaded) if (!called.has(dir)) await runRoot(dir, mods);
    // A folder only called by itself or by a cycle of such folders is reached by no root, even on paper: run it
    // as a root too, so its resources are scanned and the cycle is reported, rather than both vanishing. A folder
    // some root calls is left alone even when that call made no instance (`count = 0` turns a module off).
    const reachable = new Set<string>();
    const stack = [...loaded.keys()].filter((d) => !called.has(d));
    for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
      if (reachable.has(d)) continue;
      reachable.add(d);
      stack.push(...(calls.get(d) ?? []));
    }
    for (const [dir, mods] of loaded) if (!reachable.has(dir) && !state.entered.has(dir)) await runRoot(dir, mods);
    return { resources: state.resources, issues: state.issues, consumed: state.consumed };
  },
};

// ---- plan JSON

interface PlanResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  values?: Record<string, unknown>;
}

function planResources(mod: Record<string, unknown> | undefined, out: PlanResource[]): void {
  if (!mod) return;
  for (const r of (mod.resources as PlanResource[] | undefined) ?? []) out.push(r);
  for (const c of (mod.child_modules as Array<Record<string, unknown>> | undefined) ?? []) planResources(c, out);
}

export const terraformPlanReader: Reader = {
  language: 'terraform-plan',
  async read(files: SourceFile[]): Promise<ReadResult> {
    const out: ReadResult = { resources: [], issues: [] };
    for (const file of files) {
      let plan: Record<string, unknown>;
      try {
        plan = JSON.parse(file.text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
      } catch (e) {
        out.issues.push({ file: file.rel, line: 1, column: 1, severity: 'error', code: 'parse-error', message: `invalid plan JSON: ${(e as Error).message}` });
        continue;
      }
      const list: PlanResource[] = [];
      planResources((plan.planned_values as Record<string, unknown> | undefined)?.root_module as Record<string, unknown> | undefined, list);
      const positionOf = positionsIn(file.text);
      const lineOf = (address: string) => {
        const quoted = JSON.stringify(address);
        let at = file.text.indexOf(`"address":${quoted}`);
        if (at < 0) at = file.text.indexOf(`"address": ${quoted}`);
        return at < 0 ? 1 : positionOf(at).line;
      };
      for (const r of list) {
        if (r.mode !== 'managed') continue;
        if (!deploysAzureResource(r.type)) continue; // other providers (random, azuread, null…) and AzAPI actions deploy no Azure resource
        const values = (r.values ?? {}) as Attrs;
        let type: string;
        let body: { [k: string]: Value };
        let apiVersion: string | undefined;
        let settingOf: string | undefined;
        let children: Mapped['children'];
        if (r.type === 'azapi_resource' && typeof values.type === 'string') {
          [type, apiVersion] = values.type.split('@');
          const b = typeof values.body === 'string' ? parseJsonBody(values.body) : values.body;
          body = { ...(isObject(b) ? b : {}), ...(values.location !== undefined ? { location: values.location } : {}) };
        } else {
          ({ type, body, settingOf, children } = mapAzurerm(r.type, values));
        }
        const resource = {
          type,
          ...(apiVersion ? { apiVersion } : {}),
          name: typeof values.name === 'string' ? values.name : null,
          address: r.address,
          body,
          source: { file: file.rel, line: lineOf(r.address), column: 1, language: 'terraform-plan' },
          terraform: { type: r.type, address: r.address },
          ...(settingOf ? { settingOf } : {}),
        } satisfies NormalisedResource;
        out.resources.push(resource, ...childResources(resource, children));
      }
    }
    return out;
  },
};
