/**
 * Validates a posture report against `posture.schema.json` (used by tests, `drcheck diff` and baseline loading).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from './posture.schema.json';

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Returns the problems found (empty when the report is valid), each as `path: message`. */
export function validateReport(data: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  if (compiled(data)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
