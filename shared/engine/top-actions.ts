/**
 * What to uplift first: open findings grouped by rule, most severe and most widespread first.
 * Pure (no Node APIs): the engine, the task and the hub all use it.
 */
import { SEVERITY_ORDER } from '../model/posture';
import type { ResourceReport, SubscriptionSummary } from '../report/types';

/**
 * `uniqueIds`: the caller knows no two items share an id (the engine checks); resources are then counted
 * per rule without a set of ids (same counts, less hashing).
 */
export function topActions(items: ResourceReport[], limit = 5, uniqueIds = false): SubscriptionSummary['topActions'] {
  const byRule = new Map<string, { ruleId: string; service: string | null; severity: number; ids: Set<string> | null; count: number; last: ResourceReport | null; title: string; url: string }>();
  for (const r of items) {
    for (const f of r.findings) {
      if (f.suppressed || f.severity === 'note' || !f.uplift.length) continue;
      let a = byRule.get(f.ruleId);
      if (!a) byRule.set(f.ruleId, (a = { ruleId: f.ruleId, service: r.service, severity: 0, ids: uniqueIds ? null : new Set<string>(), count: 0, last: null, title: f.uplift[0].title, url: f.uplift[0].url }));
      a.severity = Math.max(a.severity, SEVERITY_ORDER[f.severity]);
      if (a.ids) a.ids.add(r.id);
      else if (a.last !== r) {
        a.last = r;
        a.count++;
      }
    }
  }
  const size = (a: { ids: Set<string> | null; count: number }) => (a.ids ? a.ids.size : a.count);
  return [...byRule.values()]
    .sort((a, b) => b.severity - a.severity || size(b) - size(a) || a.ruleId.localeCompare(b.ruleId))
    .slice(0, limit)
    .map((a) => ({ ruleId: a.ruleId, service: a.service, resources: size(a), title: a.title, url: a.url }));
}
