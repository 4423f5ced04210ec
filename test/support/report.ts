import { strict as assert } from 'node:assert';
import type { PostureReport, ResourceReport } from '../../shared/report/types';

/** The report entry at an IaC address; fails the test naming the addresses there are. */
export function byAddress(r: PostureReport, address: string): ResourceReport {
  const x = r.resources.find((y) => y.address === address);
  assert.ok(x, `${address} not in ${r.resources.map((y) => y.address).join(', ')}`);
  return x;
}
