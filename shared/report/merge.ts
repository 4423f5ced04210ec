/**
 * Merges the latest posture of several pipelines into one view per landing-zone subscription (the hub's
 * main table), with the regressions each pipeline's last run brought against the run before it.
 */
import { diffReports } from '../engine/diff';
import { topActions } from '../engine/top-actions';
import type { PostureReport, ResourceReport, SubscriptionSummary } from './types';

export interface PipelineRun {
  pipeline: string;
  definitionId: number;
  buildId: number;
  buildNumber: string;
  finishTime: Date | null;
  buildUrl: string;
  report: PostureReport;
  /** The run before, for "regressions since the previous run". */
  previous?: PostureReport;
}

export interface SubscriptionRow extends Omit<SubscriptionSummary, 'topActions'> {
  key: string;
  regressions: number;
  lastScan: { finishTime: Date | null; buildUrl: string; buildNumber: string; pipeline: string } | null;
  items: Array<ResourceReport & { pipeline: string; buildUrl: string }>;
  topActions: SubscriptionSummary['topActions'];
}

export function mergeBySubscription(runs: PipelineRun[]): SubscriptionRow[] {
  // The most recent run wins when two pipelines report the same resource.
  const ordered = [...runs].sort((a, b) => (b.finishTime?.getTime() ?? 0) - (a.finishTime?.getTime() ?? 0));
  const seen = new Set<string>();
  const rows = new Map<string, SubscriptionRow>();
  for (const run of ordered) {
    const regressed = new Set(run.previous ? diffReports(run.previous, run.report).regressions.map((c) => c.id) : []);
    for (const r of run.report.resources) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      const key = `${r.subscription ?? ''}|${r.landingZone ?? ''}`;
      let row = rows.get(key);
      if (!row) {
        const summary = run.report.subscriptions.find((s) => s.subscription === r.subscription && s.landingZone === r.landingZone);
        row = { key, subscription: r.subscription, landingZone: r.landingZone, managementGroup: summary?.managementGroup ?? null, resources: 0, stateful: 0, pass: 0, fail: 0, unknown: 0, suppressed: 0, meetingStrategy: 0, redundancy: {}, regressions: 0, lastScan: null, items: [], topActions: [] };
        rows.set(key, row);
      }
      row.items.push({ ...r, pipeline: run.pipeline, buildUrl: run.buildUrl });
      row.resources++;
      if (r.stateful) row.stateful++;
      row[r.status]++;
      row.redundancy[r.redundancy] = (row.redundancy[r.redundancy] ?? 0) + 1;
      if (regressed.has(r.id)) row.regressions++;
      if (!row.lastScan || (run.finishTime && row.lastScan.finishTime && run.finishTime > row.lastScan.finishTime)) {
        row.lastScan = { finishTime: run.finishTime, buildUrl: run.buildUrl, buildNumber: run.buildNumber, pipeline: run.pipeline };
      }
    }
  }
  for (const row of rows.values()) {
    row.meetingStrategy = row.resources ? (row.pass + row.suppressed) / row.resources : 1;
    row.topActions = topActions(row.items);
  }
  return [...rows.values()].sort((a, b) => b.fail - a.fail || (a.landingZone ?? '').localeCompare(b.landingZone ?? ''));
}

/** One point per run for the trend chart: the share meeting the strategy per subscription. */
export function trendPoints(runs: Array<{ finishTime: Date | null; report: PostureReport }>): Array<{ time: number; bySubscription: Record<string, number> }> {
  return runs
    .filter((r) => r.finishTime)
    .sort((a, b) => a.finishTime!.getTime() - b.finishTime!.getTime())
    .map((r) => ({
      time: r.finishTime!.getTime(),
      bySubscription: Object.fromEntries(r.report.subscriptions.map((s) => [s.landingZone ?? s.subscription ?? 'unmapped', s.meetingStrategy])),
    }));
}
