/**
 * What to uplift first: open findings grouped by rule, most severe and most widespread first.
 * Pure (no Node APIs): the engine, the task and the hub all use it.
 */
import { SEVERITY_ORDER } from '../model/posture';
import type { ResourceReport, SubscriptionSummary } from '../report/types';

export function topActions(items: ResourceReport[], limit = 5): SubscriptionSummary['topActions'] {
  const byRule = new Map<string, { ruleId: string; service: string | null; severity: number; ids: Set<string>; title: string; url: string }>();
  for (const r of items) {
    for (const f of r.findings) {
      if (f.suppressed || f.severity === 'note' || !f.uplift.length) continue;
      const a = byRule.get(f.ruleId) ?? { ruleId: f.ruleId, service: r.service, severity: 0, ids: new Set<string>(), title: f.uplift[0].title, url: f.uplift[0].url };
      a.severity = Math.max(a.severity, SEVERITY_ORDER[f.severity]);
      a.ids.add(r.id);
      byRule.set(f.ruleId, a);
    }
  }
  return [...byRule.values()]
    .sort((a, b) => b.severity - a.severity || b.ids.size - a.ids.size || a.ruleId.localeCompare(b.ruleId))
    .slice(0, limit)
    .map((a) => ({ ruleId: a.ruleId, service: a.service, resources: a.ids.size, title: a.title, url: a.url }));
}
