/**
 * JUnit XML for the Tests tab: one test suite per landing zone/subscription, one test case per resource.
 * Failing and unknown resources are failures carrying the finding text; suppressed ones are skipped.
 */
import type { ResourceReport } from '../../../../shared/report/types';
import type { Publisher } from './types';

const INVALID_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd]/g;
export function xml(text: string): string {
  return text.replace(INVALID_XML, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function testcase(r: ResourceReport): string {
  const classname = xml(`${r.landingZone ?? 'unmapped'}.${r.service ?? r.type}`);
  const name = xml(r.name ? `${r.name} (${r.type})` : `${r.address} (${r.type})`);
  const open = `    <testcase classname="${classname}" name="${name}" file="${xml(r.file)}" line="${r.line}" time="0">`;
  const open_ = r.findings.filter((f) => !f.suppressed);
  if (r.status === 'suppressed') {
    const why = r.findings.find((f) => f.suppressed)?.suppressed?.justification ?? 'suppressed';
    return `${open}\n      <skipped message="${xml(`suppressed: ${why}`)}"/>\n    </testcase>`;
  }
  if (r.status === 'fail' || r.status === 'unknown') {
    const first = open_[0];
    const body = open_.map((f) => `${f.ruleId} (${f.severity}): ${f.message}${f.uplift.length ? `\nUplift: ${f.uplift.map((u) => `${u.title} ${u.url}`).join('; ')}` : ''}`).join('\n\n');
    return `${open}\n      <failure type="${xml(first?.ruleId ?? r.status)}" message="${xml(first?.message ?? r.reason)}">${xml(`${body}\n\n${r.file}:${r.line}`)}</failure>\n    </testcase>`;
  }
  return `${open}</testcase>`;
}

export const publishJunit: Publisher = (report) => {
  const groups = new Map<string, ResourceReport[]>();
  for (const r of report.resources) {
    const k = `${r.landingZone ?? 'unmapped'}|${r.subscription ?? ''}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  const suites: string[] = [];
  for (const [k, items] of groups) {
    const [lz, sub] = k.split('|');
    const failures = items.filter((r) => r.status === 'fail' || r.status === 'unknown').length;
    const skipped = items.filter((r) => r.status === 'suppressed').length;
    suites.push(`  <testsuite name="${xml(`DR posture: ${lz}${sub ? ` (${sub})` : ''}`)}" tests="${items.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${report.generatedAt.slice(0, 19)}">\n${items.map(testcase).join('\n')}\n  </testsuite>`);
  }
  const total = report.resources.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="drcheck (${xml(report.strategy)})" tests="${total}" failures="${report.totals.fail + report.totals.unknown}" errors="0" skipped="${report.totals.suppressed}">\n${suites.join('\n')}\n</testsuites>\n`;
};
