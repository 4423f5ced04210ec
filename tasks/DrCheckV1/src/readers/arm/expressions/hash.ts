/**
 * The two hashing functions ARM computes client-visible names with: `uniqueString()` (ARM's 64-bit
 * Murmur variant of the dash-joined arguments, 13 base-32 characters) and `guid()` (an RFC 4122
 * version-5 UUID of the dash-joined arguments in ARM's namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830).
 * Both are checked against values Azure's own engine produced (see test/readers/arm/expressions/hash.test.ts):
 * matching Azure exactly keeps resource names and role-assignment ids right.
 */
import { createHash } from 'node:crypto';

const K1 = 597399067;
const K2 = 2869860233;
const MIX1 = 2246822507;
const MIX2 = 3266489909;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
const mul = (a: number, b: number) => Math.imul(a, b) >>> 0;

function fmix(h: number): number {
  h = (h ^ (h >>> 16)) >>> 0;
  h = mul(h, MIX1);
  h = (h ^ (h >>> 13)) >>> 0;
  h = mul(h, MIX2);
  return (h ^ (h >>> 16)) >>> 0;
}

function le32(d: Uint8Array, i: number, n: number): number {
  let v = 0;
  for (let j = n - 1; j >= 0; j--) v = (v << 8) | d[i + j];
  return v >>> 0;
}

/** ARM's 64-bit Murmur variant, as two 32-bit halves. */
function murmur64(data: Uint8Array): [number, number] {
  const length = data.length;
  let h1 = 0;
  let h2 = 0;
  let i = 0;
  for (; i + 7 < length; i += 8) {
    let k1 = le32(data, i, 4);
    let k2 = le32(data, i + 4, 4);
    k1 = mul(rotl(mul(k1, K1), 15), K2);
    h1 = (rotl((h1 ^ k1) >>> 0, 19) + h2) >>> 0;
    h1 = (mul(h1, 5) + 1444728091) >>> 0;
    k2 = mul(rotl(mul(k2, K2), 17), K1);
    h2 = (rotl((h2 ^ k2) >>> 0, 13) + h1) >>> 0;
    h2 = (mul(h2, 5) + 197830471) >>> 0;
  }
  const tail = length - i;
  if (tail > 0) {
    const k1 = mul(rotl(mul(le32(data, i, Math.min(tail, 4)), K1), 15), K2);
    h1 = (h1 ^ k1) >>> 0;
    if (tail > 4) {
      const k2 = mul(rotl(mul(le32(data, i + 4, tail - 4), K2), 17), K1);
      h2 = (h2 ^ k2) >>> 0;
    }
  }
  h1 = (h1 ^ length) >>> 0;
  h2 = (h2 ^ length) >>> 0;
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return [h2, h1];
}

export function uniqueString(values: string[]): string {
  const [hi, lo] = murmur64(Buffer.from(values.join('-'), 'utf8'));
  let h = (BigInt(hi) << 32n) | BigInt(lo);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out += BASE32[Number(h >> 59n)];
    h = (h << 5n) & 0xffffffffffffffffn;
  }
  return out;
}

/** ARM's guid(): UUID v5 (SHA-1) of the dash-joined values in namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830. */
const ARM_NAMESPACE = Buffer.from('11fb06fb712d4ddd98c7e71bbd588830', 'hex');
export function armGuid(values: string[]): string {
  const hash = createHash('sha1').update(ARM_NAMESPACE).update(Buffer.from(values.join('-'), 'utf8')).digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
