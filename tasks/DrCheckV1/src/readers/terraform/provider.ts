/**
 * Which azurerm version a root module runs with, as far as the configuration says: the version `terraform init`
 * recorded in `.terraform.lock.hcl`, else the `required_providers` constraints of the root and its local modules. A
 * few defaults changed in azurerm 4.0 (a public IP's or load balancer's `sku`: Basic in 3.x, Standard in 4.x,
 * https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/guides/4.0-upgrade-guide).
 */
import * as path from 'node:path';
import type { ParsedHcl } from './hclsyntax';
import { parseHcl } from './hcl';
import type { ProviderInfo } from './mappings/types';
import type { RunState } from './module';

const AZURERM = 'registry.terraform.io/hashicorp/azurerm';

/** A provider `source` in full (`hashicorp/azurerm` → `registry.terraform.io/hashicorp/azurerm`), lower case. */
function fullSource(source: string): string {
  const parts = source.toLowerCase().split('/');
  return parts.length === 1 ? `registry.terraform.io/hashicorp/${parts[0]}` : parts.length === 2 ? `registry.terraform.io/${parts.join('/')}` : parts.join('/');
}

/**
 * The major version a version constraint (`~> 4.0`, `>= 4.1, < 5.0`, `3.117.0`) settles: 4 when every version it
 * allows is 4.0 or later (their defaults are 4.x's), 3 when every one is below 4.0, undefined otherwise.
 */
export function constraintMajor(constraint: string): number | undefined {
  let low: number | undefined;
  let high: number | undefined;
  for (const part of constraint.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+][\w.-]*)?\s*$/.exec(part);
    if (!m) return undefined;
    const [, op = '=', major, minor, patch] = m;
    const x = Number(major);
    const zero = !Number(minor ?? 0) && !Number(patch ?? 0);
    const raise = (v: number) => (low = low === undefined ? v : Math.max(low, v));
    const lower = (v: number) => (high = high === undefined ? v : Math.min(high, v));
    if (op === '=') {
      raise(x);
      lower(x);
    } else if (op === '>=' || op === '>') raise(x);
    else if (op === '<') lower(zero ? x - 1 : x);
    else if (op === '<=') lower(x);
    else if (op === '~>') {
      raise(x);
      // `~> 4` allows any later version; `~> 4.0` and `~> 4.1.0` stay in 4.x.
      if (minor !== undefined) lower(x);
    }
  }
  if (low !== undefined && low >= 4) return 4;
  if (high !== undefined && high <= 3) return 3;
  return undefined;
}

/** The azurerm version constraints a root module's `terraform { required_providers { … } }` blocks give. */
function requiredAzurerm(files: ReadonlyArray<{ parsed: ParsedHcl }>): string[] {
  const out: string[] = [];
  for (const f of files) {
    const tf = f.parsed.doc.terraform;
    for (const block of Array.isArray(tf) ? tf : tf ? [tf] : []) {
      const required = (block as Record<string, unknown>)?.required_providers;
      for (const rp of Array.isArray(required) ? required : required ? [required] : []) {
        if (!rp || typeof rp !== 'object') continue;
        for (const [name, spec] of Object.entries(rp as Record<string, unknown>)) {
          // `azurerm = "~> 3.0"` (Terraform 0.12's form) or `azurerm = { source = …, version = … }`.
          const s = spec && typeof spec === 'object' && !Array.isArray(spec) ? (spec as Record<string, unknown>) : { version: spec };
          const source = typeof s.source === 'string' ? s.source : name;
          if (fullSource(source) === AZURERM && typeof s.version === 'string' && !s.version.includes('${')) out.push(s.version);
        }
      }
    }
  }
  return out;
}

/** The azurerm version `terraform init` recorded in the root's `.terraform.lock.hcl`, when there is one. */
async function lockedAzurerm(state: RunState, root: string): Promise<string | undefined> {
  // Read as the scan reads files (from its listing of the folder: no lock file, no disk access).
  const read = state.ctx.readText(path.join(root, '.terraform.lock.hcl'));
  if (!('text' in read)) return undefined;
  const parsed = await parseHcl('.terraform.lock.hcl', read.text);
  if ('message' in parsed) return undefined;
  const providers = parsed.doc.provider;
  for (const block of Array.isArray(providers) ? providers : providers ? [providers] : []) {
    for (const [source, bodies] of Object.entries((block ?? {}) as Record<string, unknown>)) {
      if (fullSource(source) !== AZURERM) continue;
      const body = (Array.isArray(bodies) ? bodies[0] : bodies) as Record<string, unknown> | undefined;
      if (typeof body?.version === 'string') return body.version;
    }
  }
  return undefined;
}

/**
 * What a root module's configuration says of its azurerm version (see the file comment): the lock file, else the
 * constraints of the root and of the local modules it calls (`configuration`, the root's files included), which
 * `terraform init` must all meet. Registry modules are left out: drcheck reads them only where `terraform init` put
 * them, and then the lock file is there too.
 */
export async function providerOf(state: RunState, root: string, configuration: ReadonlyArray<{ parsed: ParsedHcl }>): Promise<ProviderInfo | undefined> {
  const locked = await lockedAzurerm(state, root);
  const lockedMajor = locked !== undefined ? constraintMajor(locked) : undefined;
  if (lockedMajor !== undefined) return { azurermMajor: lockedMajor };
  const constraints = requiredAzurerm(configuration);
  const major = constraints.length ? constraintMajor(constraints.join(',')) : undefined;
  return major !== undefined ? { azurermMajor: major } : undefined;
}
