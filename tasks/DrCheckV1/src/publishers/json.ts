/** posture.json: the report contract itself (shared/report/posture.schema.json). */
import type { Publisher } from './types';

export const publishJson: Publisher = (report) => `${JSON.stringify(report, null, 2)}\n`;
