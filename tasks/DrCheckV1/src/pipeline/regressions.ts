/**
 * The comparison the pull-request gate uses: `diffReports` (shared/engine/diff.ts) plus findings that
 * appear or go away on a resource whose redundancy level and status did not change. Without this, removing
 * Key Vault purge protection or dropping a Cosmos DB account's second region (its periodic backups keep it
 * at `geo`) passes the gate: the new warning is the only trace of the change.
 *
 * Kept task-side until diffReports reports these kinds itself; it then adds nothing (one change per
 * resource and direction, as in diffReports).
 */
import { diffReports, type Change, type ChangeKind, type PostureDiff } from '../../../../shared/engine/diff';
import { SEVERITY_ORDER, type Finding } from '../../../../shared/model/posture';
import type { PostureReport, ResourceReport } from '../../../../shared/report/types';

/** A finding at warning or above that the baseline did not have open on the same resource. */
export const FINDING_ADDED = 'finding-added' as ChangeKind;
/** A finding at warning or above that was open in the baseline and is gone. */
export const FINDING_RESOLVED = 'finding-resolved' as ChangeKind;

const open = (r: ResourceReport): Finding[] => r.findings.filter((f) => !f.suppressed && SEVERITY_ORDER[f.severity] >= SEVERITY_ORDER.warning);

export function gateDiff(base: PostureReport, head: PostureReport): PostureDiff {
  const diff = diffReports(base, head);
  const regressed = new Set(diff.regressions.map((c) => c.id));
  const improved = new Set(diff.improvements.map((c) => c.id));
  const baseById = new Map(base.resources.map((r) => [r.id, r]));
  let unchangedBecameChanged = 0;
  for (const r of head.resources) {
    const before = baseById.get(r.id);
    if (!before) continue;
    const wasOpen = new Set(open(before).map((f) => f.ruleId));
    const nowOpen = open(r);
    const isOpen = new Set(nowOpen.map((f) => f.ruleId));
    // Suppressed in the baseline and open now is diffReports' `suppression-lapsed`; not counted twice.
    const wasSuppressed = new Set(before.findings.filter((f) => f.suppressed).map((f) => f.ruleId));
    const added = nowOpen.filter((f) => !wasOpen.has(f.ruleId) && !wasSuppressed.has(f.ruleId));
    const resolved = open(before).filter((f) => !isOpen.has(f.ruleId) && !r.findings.some((h) => h.ruleId === f.ruleId && h.suppressed));
    const what = `${r.type} ${r.name ?? r.address}`;
    let changed = false;
    if (added.length && !regressed.has(r.id)) {
      diff.regressions.push(change(FINDING_ADDED, r, before, `${what}: new ${added[0].severity} ${added[0].ruleId}: ${added[0].message}${added.length > 1 ? ` (and ${added.length - 1} more)` : ''}`));
      changed = true;
    }
    if (resolved.length && !improved.has(r.id) && !added.length) {
      diff.improvements.push(change(FINDING_RESOLVED, r, before, `${what}: ${resolved.map((f) => f.ruleId).join(', ')} resolved`));
      changed = true;
    }
    if (changed && !regressed.has(r.id) && !improved.has(r.id)) unchangedBecameChanged++;
  }
  diff.unchanged = Math.max(0, diff.unchanged - unchangedBecameChanged);
  return diff;
}

function change(kind: ChangeKind, resource: ResourceReport, base: ResourceReport, message: string): Change {
  return { kind, id: resource.id, resource, base, message };
}
