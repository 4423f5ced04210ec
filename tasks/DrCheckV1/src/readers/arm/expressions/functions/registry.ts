/**
 * The function library: every group registered under case-insensitive names. `list*` names
 * (listKeys, listSecrets, listAccountSas, …) all resolve to the deployment-time list function.
 */
import { ARRAY_FUNCTIONS } from './array';
import { CIDR_FUNCTIONS } from './cidr';
import { CONVERSION_FUNCTIONS } from './conversion';
import { DATE_FUNCTIONS } from './date';
import { DEPLOYMENT_FUNCTIONS } from './deployment';
import { LAMBDA_FUNCTIONS, LAMBDA_SYNTAX } from './lambda';
import { LOGIC_FUNCTIONS } from './logic';
import { NUMERIC_FUNCTIONS } from './numeric';
import { OBJECT_FUNCTIONS } from './object';
import { LIST_FUNCTION, RESOURCE_FUNCTIONS } from './resource';
import { STRING_FUNCTIONS } from './string';
import type { FunctionDef } from './types';

const GROUPS = [
  STRING_FUNCTIONS,
  CONVERSION_FUNCTIONS,
  ARRAY_FUNCTIONS,
  OBJECT_FUNCTIONS,
  LOGIC_FUNCTIONS,
  NUMERIC_FUNCTIONS,
  DEPLOYMENT_FUNCTIONS,
  RESOURCE_FUNCTIONS,
  DATE_FUNCTIONS,
  CIDR_FUNCTIONS,
  LAMBDA_FUNCTIONS,
  LAMBDA_SYNTAX,
];

const BY_NAME = new Map<string, FunctionDef>();
const NAMES: string[] = [];
for (const group of GROUPS) {
  for (const [name, def] of Object.entries(group)) {
    const key = name.toLowerCase();
    if (BY_NAME.has(key)) throw new Error(`function '${name}' is registered twice`);
    BY_NAME.set(key, def);
    NAMES.push(name);
  }
}

/** Names of the library's functions, as the docs spell them, plus `list*`. */
export const FUNCTION_NAMES: readonly string[] = Object.freeze([...NAMES.sort((a, b) => a.localeCompare(b)), 'list*']);

/** Lookups by the name as written (`resourceId`, `resourceid`…), to skip lower-casing on every call. */
const AS_WRITTEN = new Map<string, FunctionDef | null>();

/** Resolves a function name case-insensitively; undefined when ARM has no such function. */
export function lookupFunction(name: string): FunctionDef | undefined {
  const hit = AS_WRITTEN.get(name);
  if (hit !== undefined) return hit ?? undefined;
  const key = name.toLowerCase();
  const def = BY_NAME.get(key) ?? (key.startsWith('list') ? LIST_FUNCTION : undefined);
  if (AS_WRITTEN.size < 10_000) AS_WRITTEN.set(name, def ?? null);
  return def;
}


/** The closest known function name, for "did you mean" hints (edit distance ≤ 2). */
export function suggestFunction(name: string): string | undefined {
  const key = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of NAMES) {
    const d = distance(key, candidate.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
