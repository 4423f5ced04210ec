/**
 * Date and CIDR functions, against the docs' example outputs and Bicep's evaluation baseline.
 */
import { strict as assert } from 'node:assert';
import { Unknown } from '../../../../shared/model/value';
import { ev, throwsAt } from './helpers';

describe('ARM expressions: date functions', () => {
  it('dateTimeFromEpoch and dateTimeToEpoch', () => {
    assert.equal(ev('[dateTimeFromEpoch(1683040573)]'), '2023-05-02T15:16:13Z');
    assert.equal(ev('[dateTimeToEpoch(dateTimeFromEpoch(1680224438))]'), 1680224438);
    assert.equal(ev("[dateTimeToEpoch('2023-05-02T15:16:13Z')]"), 1683040573);
    assert.equal(ev("[dateTimeToEpoch('2023-05-02T17:16:13+02:00')]"), 1683040573);
  });

  it('dateTimeAdd counts a year as 365 days and a month as 30, and writes ISO 8601 UTC (docs examples)', () => {
    assert.equal(ev("[dateTimeAdd('2023-01-01 00:00:00Z', 'P1Y')]"), '2024-01-01T00:00:00Z');
    assert.equal(ev("[dateTimeAdd('2024-01-01 00:00:00Z', 'P1Y')]"), '2024-12-31T00:00:00Z');
    assert.equal(ev("[dateTimeAdd('2023-02-01 00:00:00Z', 'P1M')]"), '2023-03-03T00:00:00Z');
    assert.equal(ev("[dateTimeAdd('2024-02-01 00:00:00Z', 'P1M')]"), '2024-03-02T00:00:00Z');
    assert.equal(ev("[dateTimeAdd(dateTimeFromEpoch(1680224438), 'P1D')]"), '2023-04-01T01:00:38Z');
    assert.equal(ev("[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')]"), '2020-03-29T14:53:14Z');
    assert.equal(ev("[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')]"), '2020-04-07T15:53:14Z');
    assert.equal(ev("[dateTimeAdd('20200407T145314Z', 'PT30M')]"), '2020-04-07T15:23:14Z');
    assert.equal(ev("[dateTimeAdd('2024-01-31T00:00:00.1234500Z', 'P1W')]"), '2024-02-07T00:00:00.12345Z');
    assert.equal(ev("[dateTimeAdd('2024-03-01T02:00:00+02:00', 'PT1H30M')]"), '2024-03-01T01:30:00Z');
  });

  it('dateTimeAdd writes standard and custom .NET formats', () => {
    assert.equal(ev("[dateTimeAdd('2020-04-07T14:53:14Z', 'P1M', 'yyyy-MM-dd')]"), '2020-05-07');
    assert.equal(ev("[dateTimeAdd('2020-04-07T14:53:14Z', 'P1D', 'u')]"), '2020-04-08 14:53:14Z');
    assert.equal(ev("[dateTimeAdd('2020-04-07T14:53:14Z', 'P1D', 'd')]"), '04/08/2020');
    assert.equal(ev("[dateTimeAdd('2020-04-07T14:53:14Z', 'PT0S', 'M d')]"), '4 7');
    assert.equal(ev("[dateTimeAdd('2020-04-07T14:53:14Z', 'PT0S', 'ddd, dd MMM yyyy hh:mm tt')]"), 'Tue, 07 Apr 2020 02:53 PM');
    const u = ev("[dateTimeAdd('2020-04-07T14:53:14Z', 'P1D', 'gg')]");
    assert.ok(u instanceof Unknown && /date format 'gg'/.test(u.reason));
    throwsAt("[dateTimeAdd('2020-04-07T14:53:14Z', '1 day')]", /dateTimeAdd\(\): '1 day' is not an ISO 8601 duration/, 1);
    throwsAt("[dateTimeAdd('yesterday', 'P1D')]", /'yesterday' is not an ISO 8601 date-time/, 1);
  });
});

describe('ARM expressions: CIDR functions (docs examples)', () => {
  it('parseCidr for IPv4 and IPv6', () => {
    assert.deepEqual(ev("[parseCidr('10.144.0.0/20')]"), {
      network: '10.144.0.0',
      netmask: '255.255.240.0',
      broadcast: '10.144.15.255',
      firstUsable: '10.144.0.1',
      lastUsable: '10.144.15.254',
      cidr: 20,
    });
    assert.deepEqual(ev("[parseCidr('fdad:3236:5555::/48')]"), {
      network: 'fdad:3236:5555::',
      netmask: 'ffff:ffff:ffff::',
      firstUsable: 'fdad:3236:5555::',
      lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff',
      cidr: 48,
    });
    throwsAt("[parseCidr('10.0.0.0/33')]", /not an IP address range in CIDR notation/, 1);
  });

  it('cidrSubnet and cidrHost', () => {
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => ev(`[cidrSubnet('10.144.0.0/20', 24, ${i})]`)), ['10.144.0.0/24', '10.144.1.0/24', '10.144.2.0/24', '10.144.3.0/24', '10.144.4.0/24']);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => ev(`[cidrSubnet('fdad:3236:5555::/48', 52, ${i})]`)), ['fdad:3236:5555::/52', 'fdad:3236:5555:1000::/52', 'fdad:3236:5555:2000::/52', 'fdad:3236:5555:3000::/52', 'fdad:3236:5555:4000::/52']);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => ev(`[cidrHost('10.144.3.0/24', ${i})]`)), ['10.144.3.1', '10.144.3.2', '10.144.3.3', '10.144.3.4', '10.144.3.5']);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => ev(`[cidrHost('fdad:3236:5555:3000::/52', ${i})]`)), ['fdad:3236:5555:3000::1', 'fdad:3236:5555:3000::2', 'fdad:3236:5555:3000::3', 'fdad:3236:5555:3000::4', 'fdad:3236:5555:3000::5']);
    throwsAt("[cidrSubnet('10.144.0.0/20', 16, 0)]", /newCIDR must be between 20 and 32/, 1);
    throwsAt("[cidrHost('10.144.3.0/24', 254)]", /hostIndex 254 is outside the 254 usable addresses/, 1);
  });

  it('takes the classful prefix of a bare IPv4 address, as Azure does (AVM tests deploy cidrSubnet(\'10.0.0.0\', 16, 0))', () => {
    assert.deepEqual([ev("[cidrSubnet('10.0.0.0', 16, 0)]"), ev("[cidrSubnet('10.0.0.0', 24, 1)]"), ev("[cidrSubnet('172.16.0.0', 24, 2)]"), ev("[cidrSubnet('192.168.1.0', 24, 0)]")], ['10.0.0.0/16', '10.0.1.0/24', '172.16.2.0/24', '192.168.1.0/24']);
    assert.equal((ev("[parseCidr('192.168.1.0')]") as { cidr: number }).cidr, 24);
    throwsAt("[cidrSubnet('192.168.1.0', 16, 0)]", /newCIDR must be between 24 and 32/, 1);
    throwsAt("[parseCidr('224.0.0.1')]", /not an IP address range in CIDR notation/, 1);
    throwsAt("[parseCidr('fdad:3236:5555::')]", /not an IP address range in CIDR notation/, 1);
  });
});
