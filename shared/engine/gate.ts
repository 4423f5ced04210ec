/**
 * Whether a report fails a severity threshold: the CLI's exit code and the task's `failOn: findings`.
 */
import type { FailThreshold } from '../config/types';
import { SEVERITY_ORDER, type Finding } from '../model/posture';
import type { PostureReport, ResourceReport } from '../report/types';

/** Open (unsuppressed) findings at or above the threshold, with their resources. */
export function failingFindings(report: PostureReport, threshold: FailThreshold): Array<{ resource: ResourceReport; finding: Finding }> {
  if (threshold === 'never') return [];
  const min = SEVERITY_ORDER[threshold];
  const out: Array<{ resource: ResourceReport; finding: Finding }> = [];
  for (const resource of report.resources) {
    for (const finding of resource.findings) {
      if (!finding.suppressed && SEVERITY_ORDER[finding.severity] >= min) out.push({ resource, finding });
    }
  }
  return out;
}
