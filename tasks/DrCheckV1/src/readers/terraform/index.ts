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
import { isConfigurationFile, parseHcl } from './hcl';
import { applyOverrides } from './override';
import { positionsIn } from '../position';
import { childResources, loadFile, moduleBudget, parseJsonBody, planChildName, runModule, startRoot, type ModuleFile, type RunState } from './module';
import { deploysAzureResource, mapAzurerm } from './mappings';
import { providerOf } from './provider';
import { applyMoves, type Move } from './moved';
import { withPlannedReferences, type PlannedResource } from './plan-references';
import type { Attrs, Mapped } from './mappings/types';

export { parseHclString, evaluateHcl } from './expressions';

/** A `terraform.varFiles` entry of the config, read and parsed (null when it could not be: reported already). */
interface VarFile {
  abs: string;
  file: ModuleFile | null;
}

/**
 * The config's `terraform.varFiles` (relative to the config's folder), each read and parsed once. One that is missing
 * or cannot be read is an error at its entry in the config, naming the path: its values would otherwise be silently
 * missing, and the defaults they override judged instead.
 */
async function configVarFiles(state: RunState, scanned: ReadonlySet<string>): Promise<VarFile[]> {
  const out: VarFile[] = [];
  for (const [i, listed] of (state.ctx.config.terraform?.varFiles ?? []).entries()) {
    const abs = path.resolve(state.ctx.configDir, listed);
    const read = state.ctx.readText(abs);
    if ('error' in read) {
      const why = /ENOENT|ENOTDIR/.test(read.error) ? 'does not exist' : `cannot be read: ${read.error}`;
      // The path as the report shows paths, when the config's folder is not the scan root.
      const shown = state.ctx.rel(abs) === listed.replace(/\\/g, '/') ? '' : ` (${state.ctx.rel(abs)})`;
      const entry = state.ctx.configAt?.(`/terraform/varFiles/${i}`) ?? { file: state.ctx.rel(state.ctx.configDir) || '.', line: 1, column: 1 };
      state.issues.push({ ...entry, severity: 'error', code: 'var-file-unreadable', message: `terraform.varFiles: '${listed}'${shown} ${why}; its values are not applied to any root module` });
      out.push({ abs, file: null });
      continue;
    }
    if (!scanned.has(abs)) state.consumed.push(abs);
    out.push({ abs, file: await loadFile(state, abs, read.text) });
  }
  return out;
}

/** The variables a module's files declare. */
function declaredVariables(mods: ModuleFile[]): Set<string> {
  const out = new Set<string>();
  for (const m of mods) {
    const v = m.parsed.doc.variable;
    for (const block of Array.isArray(v) ? v : v ? [v] : []) for (const name of Object.keys(block as Record<string, unknown>)) out.add(name);
  }
  return out;
}

/**
 * The config var files a root module gets: one in that root's own folder applies to it alone; one anywhere else
 * (`env/prod.tfvars` beside `infra/`, CAF's `examples/<x>/configuration.tfvars`) to every root module scanned, as
 * `-var-file` given to each `terraform plan`: the config cannot say which root a file is for.
 */
function varFilesOf(dir: string, varFiles: VarFile[], rootDirs: ReadonlySet<string>): VarFile[] {
  return varFiles.filter((v) => path.dirname(v.abs) === dir || !rootDirs.has(path.dirname(v.abs)));
}

/**
 * tfvars for a root module, in Terraform's precedence order: terraform.tfvars, terraform.tfvars.json, *.auto.tfvars and
 * *.auto.tfvars.json (in lexical order of file name, as Terraform lists the folder), then config varFiles.
 */
async function tfvarsFor(state: RunState, inDir: SourceFile[], varFiles: VarFile[]): Promise<Record<string, Value>> {
  const named = (n: string) => inDir.filter((f) => path.basename(f.path) === n);
  const auto = inDir.filter((f) => f.path.endsWith('.auto.tfvars') || f.path.endsWith('.auto.tfvars.json')).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const ordered = [...named('terraform.tfvars'), ...named('terraform.tfvars.json'), ...auto];
  const values: Record<string, Value> = {};
  const apply = (m: ModuleFile | null) => {
    if (!m) return;
    const budget = moduleBudget(state, [m], m.rel);
    for (const [k, v] of Object.entries(m.parsed.doc)) setProp(values, k, evaluateHcl(v, { lookup: () => undefined as unknown as Value, budget }));
  };
  // A var file that breaks the reader (nesting past the stack) is reported at that file; the roots are read without it.
  const report = (rel: string, e: unknown) =>
    state.issues.push({ file: rel, line: 1, column: 1, severity: 'error', code: 'unreadable', message: `variable values could not be read: ${(e as Error).message}` });
  for (const f of ordered) {
    try {
      apply(await loadFile(state, f.path, f.text));
    } catch (e) {
      report(f.rel, e);
    }
  }
  for (const v of varFiles) {
    try {
      apply(v.file);
    } catch (e) {
      report(v.file?.rel ?? v.abs, e);
    }
  }
  return values;
}

/**
 * A config var file setting a variable that no root module it applies to declares: Terraform warns about such a
 * value and goes on, and so does drcheck (a misspelt name would otherwise leave the default judged without a word).
 */
function warnUndeclared(state: RunState, v: VarFile, declared: ReadonlySet<string>): void {
  if (!v.file) return;
  const undeclared = Object.keys(v.file.parsed.doc).filter((name) => !declared.has(name));
  if (!undeclared.length) return;
  // Where each name is set (`name = …` in HCL, `"name": …` in JSON), found in one pass over the text, and each
  // offset turned into a line by positionsIn (line starts found once): a file of thousands of names stays linear.
  const text = v.file.text;
  const offsets = new Map<string, number>();
  for (const m of text.matchAll(/^([ \t{,]*)"?([^"\s=:{},]+)"?[ \t]*[=:]/gm)) if (!offsets.has(m[2])) offsets.set(m[2], m.index + m[1].length);
  const positionOf = positionsIn(text);
  const where = (offset: number | undefined) => (offset === undefined ? { line: 1, column: 1 } : positionOf(offset));
  const shown = undeclared.slice(0, MAX_UNDECLARED_WARNINGS);
  for (const name of shown) {
    state.issues.push({ file: v.file.rel, ...where(offsets.get(name)), severity: 'warning', code: 'var-undeclared', message: `variable '${name}' is set here but declared by no root module this var file applies to; not used` });
  }
  if (undeclared.length > shown.length) {
    state.issues.push({ file: v.file.rel, line: 1, column: 1, severity: 'warning', code: 'var-undeclared', message: `and ${undeclared.length - shown.length} more variables set here that no root module this var file applies to declares` });
  }
}

/** Undeclared variables named one by one per var file; the rest are counted. */
const MAX_UNDECLARED_WARNINGS = 20;

/** The files `wanted` takes, by folder, in the order given. */
function byFolder(files: SourceFile[], wanted: (file: string) => boolean): Map<string, SourceFile[]> {
  const out = new Map<string, SourceFile[]>();
  for (const f of files) {
    if (!wanted(f.path)) continue;
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
    const dirs = byFolder(files, isConfigurationFile);
    // Every parse starts now; results are used in sorted order below, so issues stay deterministic.
    for (const list of dirs.values()) for (const f of list) state.parsing.set(f.path, parseHcl(path.basename(f.path), f.text));
    // Parse every scanned .tf file once; a folder called as a local module by another is not a root.
    const called = new Set<string>();
    /** Local module calls, folder → folders it calls (whatever their count/for_each). */
    const calls = new Map<string, Set<string>>();
    const loaded = new Map<string, ModuleFile[]>();
    for (const [dir, list] of [...dirs.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const read: ModuleFile[] = [];
      for (const f of list.sort((a, b) => a.path.localeCompare(b.path))) {
        const m = await loadFile(state, f.path, f.text);
        if (m) read.push(m);
      }
      const mods = applyOverrides(read, state.issues);
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
    const tfvarsFiles = byFolder(files, (f) => f.endsWith('.tfvars') || f.endsWith('.tfvars.json'));
    // A folder only called by itself or by a cycle of such folders is reached by no root, even on paper: it is run
    // as a root too, so its resources are scanned and the cycle is reported, rather than both vanishing. A folder
    // some root calls is left alone even when that call made no instance (`count = 0` turns a module off).
    const reachable = new Set<string>();
    const stack = [...loaded.keys()].filter((d) => !called.has(d));
    for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
      if (reachable.has(d)) continue;
      reachable.add(d);
      stack.push(...(calls.get(d) ?? []));
    }
    const rootDirs = new Set([...loaded.keys()].filter((d) => !called.has(d) || !reachable.has(d)));
    /** The files of a root module and of every local module it calls, however deep (each folder once). */
    const configurationFiles = (root: string): ModuleFile[] => {
      const seen = new Set([root]);
      const out: ModuleFile[] = [];
      for (const stack = [root]; stack.length; ) {
        const d = stack.pop()!;
        out.push(...(loaded.get(d) ?? []));
        for (const c of calls.get(d) ?? []) if (!seen.has(c) && seen.add(c)) stack.push(c);
      }
      return out;
    };
    const varFiles = await configVarFiles(state, scanned);
    /** Variables declared by the roots each config var file applies to. */
    const declaredFor = new Map<VarFile, Set<string>>(varFiles.map((v) => [v, new Set<string>()]));
    const runRoot = async (dir: string, mods: ModuleFile[]) => {
      const own = varFilesOf(dir, varFiles, rootDirs);
      const declared = declaredVariables(mods);
      for (const v of own) for (const name of declared) declaredFor.get(v)!.add(name);
      const tfvars = await tfvarsFor(state, tfvarsFiles.get(dir) ?? [], own);
      // `terraform init` settles one azurerm version for the whole configuration, within every module's constraints.
      const provider = await providerOf(state, dir, configurationFiles(dir));
      // `moved` blocks apply within one configuration: the root's and its modules', to the resources this run makes.
      const moves: Move[] = [];
      const first = state.resources.length;
      startRoot(state);
      try {
        await runModule(state, { dir, root: dir, key: '', prefix: '', inputs: {}, isRoot: true, depth: 0, chain: [dir], tfvars, moves, ...(provider ? { provider } : {}) }, mods);
      } catch (e) {
        // A reader bug in one root module must not lose the others: reported at that root, whose resources are dropped
        // whole (a part of a configuration would be judged on what it lacks), and the scan goes on.
        state.resources.length = first;
        const at = mods.map((m) => m.rel).sort()[0] ?? state.ctx.rel(dir);
        state.issues.push({ file: at, line: 1, column: 1, severity: 'error', code: 'reader-error', message: `the Terraform reader failed on the root module in this folder, whose resources are not scanned: ${(e as Error).message}` });
        return;
      }
      applyMoves(state.resources.slice(first), moves);
    };
    for (const [dir, mods] of loaded) if (!called.has(dir)) await runRoot(dir, mods);
    for (const [dir, mods] of loaded) if (!reachable.has(dir) && !state.entered.has(dir)) await runRoot(dir, mods);
    if (loaded.size) for (const v of varFiles) warnUndeclared(state, v, declaredFor.get(v)!);
    return { resources: state.resources, issues: state.issues, consumed: state.consumed, ...(state.deployedTemplates?.length ? { deployedTemplates: state.deployedTemplates } : {}) };
  },
};

// ---- plan JSON

function planResources(mod: Record<string, unknown> | undefined, out: PlannedResource[]): void {
  if (!mod) return;
  for (const r of (mod.resources as PlannedResource[] | undefined) ?? []) out.push(r);
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
      const list: PlannedResource[] = [];
      planResources((plan.planned_values as Record<string, unknown> | undefined)?.root_module as Record<string, unknown> | undefined, list);
      // Where a `moved` block moved a resource, the plan says where it was (resource_changes[].previous_address).
      const previous = new Map<string, string>();
      const changes = plan.resource_changes;
      if (Array.isArray(changes)) {
        for (const c of changes as Array<Record<string, unknown>>) {
          if (c && typeof c.address === 'string' && typeof c.previous_address === 'string' && c.previous_address !== c.address) previous.set(c.address, c.previous_address);
        }
      }
      // Arguments another resource of this plan computes (a new server's id): the resources the configuration refers to.
      const { valuesOf, nameAt } = withPlannedReferences(plan, list);
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
        const values = valuesOf(r) as Attrs;
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
          name: typeof values.name === 'string' ? (planChildName(r.type, values, values.name, nameAt) ?? values.name) : null,
          address: r.address,
          body,
          source: { file: file.rel, line: lineOf(r.address), column: 1, language: 'terraform-plan' },
          terraform: { type: r.type, address: r.address },
          ...(settingOf ? { settingOf } : {}),
          ...(previous.has(r.address) ? { movedFrom: [previous.get(r.address)!] } : {}),
        } satisfies NormalisedResource;
        out.resources.push(resource, ...childResources(resource, children));
      }
    }
    return out;
  },
};
