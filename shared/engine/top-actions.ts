/**
 * What to uplift first: open findings grouped by rule, most severe and most widespread first.
 * Pure (no Node APIs): the engine, the task and the hub all use it.
 */
import { SEVERITY_ORDER } from '../model/posture';
import type { ResourceReport, SubscriptionSummary } from '../report/types';

/** `items`: one report per resource (a report's resources, or rows merged by id), so each is counted once per rule. */
export function topActions(items: ResourceReport[], limit = 5): SubscriptionSummary['topActions'] {
  const byRule = new Map<string, { ruleId: string; service: string | null; severity: number; resources: number; last: ResourceReport | undefined; title: string; url: string }>();
  for (const r of items) {
    for (const f of r.findings) {
      if (f.suppressed || f.severity === 'note' || !f.uplift.length) continue;
      let a = byRule.get(f.ruleId);
      if (a === undefined) byRule.set(f.ruleId, (a = { ruleId: f.ruleId, service: r.service, severity: 0, resources: 0, last: undefined, title: f.uplift[0].title, url: f.uplift[0].url }));
      a.severity = Math.max(a.severity, SEVERITY_ORDER[f.severity]);
      // A resource's findings are consecutive: two findings of one rule on it count it once.
      if (a.last !== r) {
        a.last = r;
        a.resources++;
      }
    }
  }
  return [...byRule.values()]
    .sort((a, b) => b.severity - a.severity || b.resources - a.resources || a.ruleId.localeCompare(b.ruleId))
    .slice(0, limit)
    .map((a) => ({ ruleId: a.ruleId, service: a.service, resources: a.resources, title: a.title, url: a.url }));
}
