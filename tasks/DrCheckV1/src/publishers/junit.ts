/**
 * JUnit XML for the Tests tab: one test suite per landing zone/subscription, one test case per resource.
 * Failing and unknown resources, and resources with an open finding at or above the run's `failOn` severity
 * (e.g. Key Vault purge protection off, a single-region Cosmos DB account kept at `geo` by its backups), are
 * failures carrying the finding text, so the Tests tab agrees with the run's result; suppressed ones are skipped.
 */
import type { FailThreshold } from '../../../../shared/config/types';
import { failsThreshold } from '../../../../shared/engine/gate';
import type { ResourceReport } from '../../../../shared/report/types';
import type { Publisher } from './types';

/** True when the resource is a failed test: its posture misses the strategy, or an open finding gates the run. */
function failed(r: ResourceReport, threshold: FailThreshold): boolean {
  if (r.status === 'fail' || r.status === 'unknown') return true;
  return r.status !== 'suppressed' && r.findings.some((f) => failsThreshold(f, threshold));
}

const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd]/g;
export function xml(text: string): string {
  return text.replace(INVALID_XML, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function testcase(r: ResourceReport, isFailed: boolean): string {
  const classname = xml(`${r.landingZone ?? 'unmapped'}.${r.service ?? r.type}`);
  const name = xml(r.name ? `${r.name} (${r.type})` : `${r.address} (${r.type})`);
  const open = `    <testcase classname="${classname}" name="${name}" file="${xml(r.file)}" line="${r.line}" time="0">`;
  const open_ = r.findings.filter((f) => !f.suppressed);
  if (r.status === 'suppressed') {
    const why = r.findings.find((f) => f.suppressed)?.suppressed?.justification ?? 'suppressed';
    return `${open}\n      <skipped message="${xml(`suppressed: ${why}`)}"/>\n    </testcase>`;
  }
  if (isFailed) {
    const first = open_[0];
    const body = open_.map((f) => `${f.ruleId} (${f.severity}): ${f.message}${f.uplift.length ? `\nUplift: ${f.uplift.map((u) => `${u.title} ${u.url}`).join('; ')}` : ''}`).join('\n\n');
    return `${open}\n      <failure type="${xml(first?.ruleId ?? r.status)}" message="${xml(first?.message ?? r.reason)}">${xml(`${body}\n\n${r.file}:${r.line}`)}</failure>\n    </testcase>`;
  }
  return `${open}</testcase>`;
}

export const publishJunit: Publisher = (report, ctx = {}) => {
  const threshold = ctx.failOn ?? 'warning';
  const groups = new Map<string, ResourceReport[]>();
  for (const r of report.resources) {
    const k = `${r.landingZone ?? 'unmapped'}|${r.subscription ?? ''}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const suites: string[] = [];
  let totalFailures = 0;
  for (const [k, items] of groups) {
    const [lz, sub] = k.split('|');
    let failures = 0;
    const cases = items.map((r) => {
      const isFailed = failed(r, threshold);
      if (isFailed) failures++;
      return testcase(r, isFailed);
    });
    totalFailures += failures;
    const skipped = items.filter((r) => r.status === 'suppressed').length;
    suites.push(`  <testsuite name="${xml(`DR posture: ${lz}${sub ? ` (${sub})` : ''}`)}" tests="${items.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${report.generatedAt.slice(0, 19)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  const total = report.resources.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="drcheck (${xml(report.strategy)})" tests="${total}" failures="${totalFailures}" errors="0" skipped="${report.totals.suppressed}">\n${suites.join('\n')}\n</testsuites>\n`;
};
