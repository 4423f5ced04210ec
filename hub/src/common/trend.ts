/**
 * Trend series: the share of resources meeting the strategy per landing-zone subscription over the last
 * runs. Several pipelines can report on one subscription, so the value at a moment combines each pipeline's
 * latest run at that moment (a step function per pipeline, summed per subscription), plus an overall series.
 */
import type { TrendRun } from './data/load';

export interface TrendPoint {
  time: number;
  value: number;
  resources: number;
}

export interface TrendSeries {
  /** `subscription|landingZone`, as the subscription rows key them. */
  key: string;
  landingZone: string | null;
  subscription: string | null;
  points: TrendPoint[];
}

export const OVERALL = '(overall)';

export function trendSeries(runs: TrendRun[]): { series: TrendSeries[]; overall: TrendSeries } {
  const ordered = [...runs].sort((a, b) => a.time - b.time);
  // Each pipeline's current contribution per subscription: resources and resources meeting the strategy.
  const current = new Map<string, Map<string, { good: number; resources: number }>>();
  const totals = new Map<string, { good: number; resources: number; landingZone: string | null; subscription: string | null }>();
  const series = new Map<string, TrendSeries>();
  const overall: TrendSeries = { key: OVERALL, landingZone: null, subscription: null, points: [] };
  let all = { good: 0, resources: 0 };

  for (let i = 0; i < ordered.length; ) {
    const time = ordered[i].time;
    const touched = new Set<string>();
    for (; i < ordered.length && ordered[i].time === time; i++) {
      const run = ordered[i];
      const before = current.get(run.pipelineKey) ?? new Map();
      const after = new Map<string, { good: number; resources: number }>();
      for (const s of run.subscriptions) {
        const key = `${s.subscription ?? ''}|${s.landingZone ?? ''}`;
        const good = typeof s.pass === 'number' && typeof s.suppressed === 'number' ? s.pass + s.suppressed : s.meetingStrategy * s.resources;
        const prev = after.get(key) ?? { good: 0, resources: 0 };
        after.set(key, { good: prev.good + good, resources: prev.resources + s.resources });
        if (!totals.has(key)) totals.set(key, { good: 0, resources: 0, landingZone: s.landingZone, subscription: s.subscription });
      }
      for (const key of new Set([...before.keys(), ...after.keys()])) {
        const b = before.get(key) ?? { good: 0, resources: 0 };
        const a = after.get(key) ?? { good: 0, resources: 0 };
        const t = totals.get(key)!;
        t.good += a.good - b.good;
        t.resources += a.resources - b.resources;
        all = { good: all.good + a.good - b.good, resources: all.resources + a.resources - b.resources };
        touched.add(key);
      }
      current.set(run.pipelineKey, after);
    }
    for (const key of touched) {
      const t = totals.get(key)!;
      let s = series.get(key);
      if (!s) {
        s = { key, landingZone: t.landingZone, subscription: t.subscription, points: [] };
        series.set(key, s);
      }
      if (t.resources > 0) s.points.push({ time, value: t.good / t.resources, resources: t.resources });
    }
    if (all.resources > 0) overall.points.push({ time, value: all.good / all.resources, resources: all.resources });
  }
  return { series: [...series.values()].filter((s) => s.points.length > 0), overall };
}

/** Change between the first and the last point, or null with fewer than two points. */
export function trendDelta(s: TrendSeries): number | null {
  if (s.points.length < 2) return null;
  return s.points[s.points.length - 1].value - s.points[0].value;
}
