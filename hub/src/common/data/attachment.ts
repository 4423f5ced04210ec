/**
 * Reads one `drcheck.posture` attachment: JSON text to a `PostureReport`, or a sentence saying why not
 * (not JSON, another schema version, a field the hub relies on missing or of the wrong type).
 * A structural check of what the hub uses, in one pass; `posture.schema.json` stays the full contract.
 */
import { REDUNDANCIES, STATUSES } from '../../../../shared/model/posture';
import { SCHEMA_VERSION, type PostureReport } from '../../../../shared/report/types';

export type ParsedAttachment = { report: PostureReport } | { problem: string };

const SUPPORTED_MAJOR = SCHEMA_VERSION.split('.')[0];
const statuses = new Set<string>(STATUSES);
const levels = new Set<string>(REDUNDANCIES);

function kind(v: unknown): string {
  return v === undefined ? 'missing' : v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

/** The first problem in a resource, or null. */
function resourceProblem(r: unknown, i: number): string | null {
  if (!r || typeof r !== 'object' || Array.isArray(r)) return `resources[${i}] is ${kind(r)}, not an object`;
  const x = r as Record<string, unknown>;
  for (const key of ['id', 'type', 'address', 'file'] as const) {
    if (typeof x[key] !== 'string') return `resources[${i}].${key} is ${kind(x[key])}, expected text`;
  }
  if (!statuses.has(x.status as string)) return `resources[${i}].status is ${kind(x.status)}, expected one of ${STATUSES.join(', ')}`;
  if (!levels.has(x.redundancy as string)) return `resources[${i}].redundancy is ${kind(x.redundancy)}, expected one of ${REDUNDANCIES.join(', ')}`;
  if (!levels.has(x.required as string)) return `resources[${i}].required is ${kind(x.required)}, expected a redundancy level`;
  if (typeof x.line !== 'number') return `resources[${i}].line is ${kind(x.line)}, expected a number`;
  if (!Array.isArray(x.findings)) return `resources[${i}].findings is ${kind(x.findings)}, expected a list`;
  return null;
}

export function parsePosture(text: string): ParsedAttachment {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { problem: `the posture attachment is not valid JSON (${(e as Error).message})` };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { problem: `the posture attachment is ${kind(data)}, not a drcheck report` };
  const d = data as Record<string, unknown>;
  if (typeof d.schemaVersion !== 'string') {
    return { problem: `the posture attachment has no schemaVersion${d.schemaVersion === undefined ? '' : ` (found ${kind(d.schemaVersion)})`}; it was not written by drcheck` };
  }
  if (d.schemaVersion.split('.')[0] !== SUPPORTED_MAJOR) {
    return { problem: `the posture attachment uses schema ${d.schemaVersion}, this hub reads ${SUPPORTED_MAJOR}.x: update the drcheck extension or the DrCheck task so they match` };
  }
  if (!Array.isArray(d.resources)) return { problem: `the posture attachment's resources is ${kind(d.resources)}, expected a list` };
  if (!Array.isArray(d.subscriptions)) return { problem: `the posture attachment's subscriptions is ${kind(d.subscriptions)}, expected a list` };
  if (!Array.isArray(d.errors)) return { problem: `the posture attachment's errors is ${kind(d.errors)}, expected a list` };
  const resources = d.resources as unknown[];
  for (let i = 0; i < resources.length; i++) {
    const p = resourceProblem(resources[i], i);
    if (p) return { problem: `the posture attachment is not a valid drcheck report: ${p}` };
  }
  for (let i = 0; i < d.subscriptions.length; i++) {
    const s = (d.subscriptions as unknown[])[i] as Record<string, unknown> | null;
    if (!s || typeof s !== 'object' || typeof s.resources !== 'number' || typeof s.meetingStrategy !== 'number') {
      return { problem: `the posture attachment is not a valid drcheck report: subscriptions[${i}] lacks resources or meetingStrategy` };
    }
  }
  return { report: data as PostureReport };
}
