/**
 * Whether a report fails a severity threshold: the CLI's exit code and the task's `failOn: findings`; and
 * which files the scan could not read in full, which fail it too.
 */
import type { FailThreshold } from '../config/types';
import { SEVERITY_ORDER, type Finding } from '../model/posture';
import type { PostureReport, ReportError, ResourceReport } from '../report/types';

/** Whether a finding fails the threshold: open (unsuppressed) and at or above it. */
export function failsThreshold(finding: Finding, threshold: FailThreshold): boolean {
  return threshold !== 'never' && !finding.suppressed && SEVERITY_ORDER[finding.severity] >= SEVERITY_ORDER[threshold];
}

/** Open (unsuppressed) findings at or above the threshold, with their resources. */
export function failingFindings(report: PostureReport, threshold: FailThreshold): Array<{ resource: ResourceReport; finding: Finding }> {
  if (threshold === 'never') return [];
  const out: Array<{ resource: ResourceReport; finding: Finding }> = [];
  for (const resource of report.resources) {
    for (const finding of resource.findings) if (failsThreshold(finding, threshold)) out.push({ resource, finding });
  }
  return out;
}

/**
 * Error-severity problems in the scanned files (unreadable, unparseable, over a limit, a cycle): what such a
 * file holds is not judged, or not in full, so it never counts as a pass. Warnings are not among them.
 */
export function readErrors(report: PostureReport): ReportError[] {
  return report.errors.filter((e) => e.severity === 'error');
}

/** The files with a read error. */
export function unreadFiles(report: PostureReport): Set<string> {
  return new Set(readErrors(report).map((e) => e.file));
}
