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
  // Read defensively: a report is an attachment another run wrote (the hub compares old ones).
  const errors: unknown = report.errors;
  if (!Array.isArray(errors)) return [];
  return (errors as ReportError[]).filter((e) => e && typeof e.file === 'string' && e.severity === 'error');
}

/**
 * The codes of a file that was not read, or not parsed: the other errors (an expression error, a module outside the
 * repository, a loop over the limit) are problems in a file that was read.
 */
const FILE_NOT_READ: ReadonlySet<string> = new Set(['parse-error', 'unreadable', 'binary-file', 'file-too-large', 'reader-error', 'too-deep']);

/**
 * The read errors of files that were not read or parsed at all: what the PR gate counts as a file the pull request
 * made unreadable (a new error of another kind in a file read in full is not one).
 */
export function notReadErrors(report: PostureReport): ReportError[] {
  return readErrors(report).filter((e) => e.code === undefined || FILE_NOT_READ.has(e.code));
}

/** The files with a read error. */
export function unreadFiles(report: PostureReport): Set<string> {
  return new Set(readErrors(report).map((e) => e.file));
}
