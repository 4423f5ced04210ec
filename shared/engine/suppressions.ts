/**
 * Suppressions from `.drcheck.yml`: accepted findings with a justification and an optional expiry.
 * An expired suppression no longer applies; it is reported so someone renews or removes it.
 */
import picomatch from 'picomatch';
import type { SuppressionConfig } from '../config/types';
import type { Finding } from '../model/posture';

export interface SuppressionState {
  config: SuppressionConfig;
  expired: boolean;
  used: boolean;
  matchRule: (ruleId: string) => boolean;
  matchResource: (candidates: string[]) => boolean;
}

function matcher(glob: string | undefined): (value: string) => boolean {
  if (!glob) return () => true;
  const isMatch = picomatch(glob, { nocase: true, dot: true });
  return (value) => isMatch(value);
}

/** Day granularity: a suppression that expires on 2026-12-31 still applies on that day. */
export function isExpired(expires: string | undefined, now: Date): boolean {
  if (!expires) return false;
  const today = now.toISOString().slice(0, 10);
  return expires < today;
}

export function prepareSuppressions(list: SuppressionConfig[] | undefined, now: Date): SuppressionState[] {
  return (list ?? []).map((config) => {
    const rule = matcher(config.rule);
    const resource = matcher(config.resource);
    return {
      config,
      expired: isExpired(config.expires, now),
      used: false,
      matchRule: rule,
      matchResource: (candidates) => candidates.some((c) => c && resource(c)),
    };
  });
}

/** Marks the findings that an active suppression covers. `candidates`: the resource's name, address and id. */
export function applySuppressions(findings: Finding[], candidates: string[], states: SuppressionState[]): void {
  if (!states.length) return;
  for (const finding of findings) {
    for (const s of states) {
      if (!s.matchRule(finding.ruleId) || !s.matchResource(candidates)) continue;
      s.used = true;
      if (s.expired) continue;
      finding.suppressed = { justification: s.config.justification, ...(s.config.expires ? { expires: s.config.expires } : {}) };
      break;
    }
  }
}
