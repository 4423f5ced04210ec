/**
 * CIDR functions (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-cidr):
 * parseCidr, cidrSubnet, cidrHost, for IPv4 and IPv6 (BigInt arithmetic, RFC 5952 text for IPv6).
 */
import { fail } from '../errors';
import { asInt, asString } from '../values';
import { eager, type FunctionDef } from './types';

interface Network {
  v6: boolean;
  bits: number;
  prefix: number;
  address: bigint;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(s) || (s.match(/::/g) ?? []).length > 1) return undefined;
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if ((tail === undefined && missing !== 0) || (tail !== undefined && missing < 1)) return undefined;
  const groups = [...h, ...Array(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

function classfulPrefix(address: bigint): number | undefined {
  const first = Number(address >> 24n);
  return first < 128 ? 8 : first < 192 ? 16 : first < 224 ? 24 : undefined;
}

function parseNetwork(text: string): Network {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const v6 = addr.includes(':');
  const bits = v6 ? 128 : 32;
  const address = v6 ? parseV6(addr) : parseV4(addr);
  // A bare IPv4 address takes its classful prefix (A /8, B /16, C /24), as Azure's parser guesses it:
  // AVM's deployed tests call cidrSubnet('10.0.0.0', 16, 0) and cidrSubnet('192.168.1.0', 24, 0).
  const classful = slash < 0 && !v6 && address !== undefined ? classfulPrefix(address) : undefined;
  const prefix = classful ?? (slash < 0 ? NaN : Number(text.slice(slash + 1)));
  if (address === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits || (classful === undefined && !/^\d+$/.test(text.slice(slash + 1)))) {
    return fail(`'${text}' is not an IP address range in CIDR notation such as 10.0.0.0/16`);
  }
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
  return { v6, bits, prefix, address: address & mask };
}

function formatAddress(v: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (of two or more) of zero groups, the first if tied.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const size = (n: Network) => 1n << BigInt(n.bits - n.prefix);

export const CIDR_FUNCTIONS: Record<string, FunctionDef> = {
  parseCidr: eager(1, 1, (args) => {
    const n = parseNetwork(asString(args[0], 'the network'));
    const all = (1n << BigInt(n.bits)) - 1n;
    const last = n.address + size(n) - 1n;
    const out: { [k: string]: string | number } = { network: formatAddress(n.address, n.v6), netmask: formatAddress(all ^ (size(n) - 1n), n.v6) };
    if (!n.v6) out.broadcast = formatAddress(last, false);
    const small = !n.v6 && n.prefix >= 31;
    out.firstUsable = formatAddress(n.v6 || small ? n.address : n.address + 1n, n.v6);
    out.lastUsable = formatAddress(n.v6 || small ? last : last - 1n, n.v6);
    out.cidr = n.prefix;
    return out;
  }),
  cidrSubnet: eager(3, 3, (args) => {
    const n = parseNetwork(asString(args[0], 'the network'));
    const newCidr = asInt(args[1], 'newCIDR');
    const index = asInt(args[2], 'subnetIndex');
    if (newCidr < n.prefix || newCidr > n.bits) fail(`newCIDR must be between ${n.prefix} and ${n.bits}, got ${newCidr}`);
    const count = 1n << BigInt(newCidr - n.prefix);
    if (index < 0 || BigInt(index) >= count) fail(`subnetIndex ${index} is outside the ${count} /${newCidr} subnets of ${String(args[0])}`);
    const start = n.address + BigInt(index) * (1n << BigInt(n.bits - newCidr));
    return `${formatAddress(start, n.v6)}/${newCidr}`;
  }),
  cidrHost: eager(2, 2, (args) => {
    const n = parseNetwork(asString(args[0], 'the network'));
    const index = asInt(args[1], 'hostIndex');
    const usable = n.v6 ? size(n) - 1n : n.prefix >= 31 ? size(n) : size(n) - 2n;
    if (index < 0 || BigInt(index) >= usable) fail(`hostIndex ${index} is outside the ${usable} usable addresses of ${String(args[0])}`);
    const first = n.v6 ? n.address + 1n : n.prefix >= 31 ? n.address : n.address + 1n;
    return formatAddress(first + BigInt(index), n.v6);
  }),
};
