/**
 * A large organisation for the hub benchmark, scanned by the real scan (ARM reader and engine, `runScan`):
 * 20 pipelines, each deploying 50 landing zones (one subscription each, 1,000 in all) from ARM templates with
 * copy loops, 50,000 resources in each pipeline run. Subscription sizes are uneven (one shared-services
 * subscription of 2,500 resources, ten of 500, the rest 10 to 76), so the drill-down has a long list to render.
 * Storage SKUs drift from run to run in some pipelines (regressions and a trend exist); a few SKUs come from a
 * parameter without a value (unknown) and one suppression per pipeline applies. Deterministic: the same
 * templates, configs and reports (`now` fixed) on every run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DrCheckConfig, LandingZoneConfig } from '../../shared/config/types';
import type { PostureReport } from '../../shared/report/types';
import { runScan } from '../../tasks/DrCheckV1/src/scan';

export const PIPELINES = 20;
export const SUBSCRIPTIONS_PER_PIPELINE = 50;
export const SUBSCRIPTIONS = PIPELINES * SUBSCRIPTIONS_PER_PIPELINE;
export const RESOURCES = 50_000;
/** Fixed "today" for the scans (suppression expiry, generatedAt). */
export const SCANNED_AT = new Date('2026-11-20T06:00:00Z');
export const REPOSITORY = (p: number) => `https://dev.azure.com/contoso/Contoso/_git/landing-zones-${pad(p, 2)}`;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Deterministic 0..1 from integers (FNV-1a over them). */
function noise(...n: number[]): number {
  let h = 2166136261;
  for (const x of n) h = Math.imul(h ^ x, 16777619) >>> 0;
  return (h % 10007) / 10007;
}

/** Resources per subscription (global index 0..999): one of 2,500, ten of 500, the rest uneven, 50,000 in all. */
export function subscriptionSizes(): number[] {
  const sizes = Array.from({ length: SUBSCRIPTIONS }, (_, g) => (g === 0 ? 2500 : g % 100 === 50 ? 500 : 10 + Math.floor(noise(g, 7) * 67)));
  const ordinary = sizes.map((_, g) => g).filter((g) => g !== 0 && g % 100 !== 50);
  let diff = RESOURCES - sizes.reduce((a, b) => a + b, 0);
  // Spread the difference one resource at a time over the ordinary subscriptions (keeping each within 10..76).
  for (let i = 0; diff !== 0; i = (i + 1) % ordinary.length) {
    const g = ordinary[i];
    const next = sizes[g] + Math.sign(diff);
    if (next < 10 || next > 76) continue;
    sizes[g] = next;
    diff -= Math.sign(diff);
  }
  if (sizes.reduce((a, b) => a + b, 0) !== RESOURCES) throw new Error('subscription sizes do not add up');
  return sizes;
}

export const subscriptionId = (g: number) => `${pad(Math.floor(g / SUBSCRIPTIONS_PER_PIPELINE), 4)}${pad(g % SUBSCRIPTIONS_PER_PIPELINE, 4)}-0000-4000-8000-${pad(g, 12)}`;
export const landingZoneName = (g: number) => (g === 0 ? 'shared-services' : `lz-${pad(Math.floor(g / SUBSCRIPTIONS_PER_PIPELINE), 2)}-${pad(g % SUBSCRIPTIONS_PER_PIPELINE, 3)}`);
const MANAGEMENT_GROUPS = ['contoso-landingzones-corp', 'contoso-landingzones-online', 'contoso-platform'];

/** Copy loops of at most 800 instances (ARM's limit). */
function loops(total: number): number[] {
  const out: number[] = [];
  for (let left = total; left > 0; left -= 800) out.push(Math.min(800, left));
  return out;
}

/** The ARM template of landing zone `g` (of `n` resources) as pipeline `p` deploys it on run `run`. */
function template(p: number, g: number, n: number, run: number): object {
  const drift = p % 3 === 0 ? run * 5 : 0;
  const storage = Math.ceil(n * 0.4);
  const cosmos = Math.floor(n * 0.2);
  const ips = Math.floor(n * 0.2);
  const vaults = n - storage - cosmos - ips;
  const resources: object[] = [];
  const short = `${pad(p, 2)}${pad(g % SUBSCRIPTIONS_PER_PIPELINE, 3)}`;
  loops(storage).forEach((count, l) =>
    resources.push({
      type: 'Microsoft.Storage/storageAccounts',
      apiVersion: '2023-05-01',
      name: `[format('st{0}l${l}x{1}', variables('short'), copyIndex())]`,
      location: "[parameters('location')]",
      copy: { name: `storage${l}`, count },
      sku: { name: `[if(equals(mod(add(copyIndex(), parameters('drift')), 13), 0), 'Standard_LRS', if(equals(mod(copyIndex(), 29), 7), parameters('legacySku'), 'Standard_GRS'))]` },
      kind: 'StorageV2',
      properties: { isHnsEnabled: l % 2 === 0, minimumTlsVersion: 'TLS1_2' },
    }),
  );
  const single = Math.floor(cosmos / 3);
  for (const [name, count, regions] of [
    ['cosmos', cosmos - single, 2],
    ['cosmos1r', single, 1],
  ] as const) {
    loops(count).forEach((c, l) =>
      resources.push({
        type: 'Microsoft.DocumentDB/databaseAccounts',
        apiVersion: '2024-05-15',
        name: `[toLower(format('{0}-${name}${l}-{1}', variables('prefix'), copyIndex()))]`,
        location: "[parameters('location')]",
        copy: { name: `${name}${l}`, count: c },
        kind: 'GlobalDocumentDB',
        properties: {
          databaseAccountOfferType: 'Standard',
          enableAutomaticFailover: regions === 2,
          locations: regions === 2 ? [{ locationName: "[parameters('location')]", failoverPriority: 0 }, { locationName: 'northeurope', failoverPriority: 1 }] : [{ locationName: "[parameters('location')]", failoverPriority: 0 }],
          backupPolicy: { type: 'Periodic', periodicModeProperties: { backupIntervalInMinutes: 240, backupRetentionIntervalInHours: 8, backupStorageRedundancy: regions === 2 ? 'Geo' : 'Local' } },
        },
      }),
    );
  }
  const zonal = Math.floor(ips / 4);
  for (const [name, count, zones] of [
    ['pip', ips - zonal, ['1', '2', '3']],
    ['pipz', zonal, ['1']],
  ] as const) {
    loops(count).forEach((c, l) =>
      resources.push({
        type: 'Microsoft.Network/publicIPAddresses',
        apiVersion: '2023-09-01',
        name: `[format('{0}-${name}${l}-{1}', variables('prefix'), copyIndex())]`,
        location: "[parameters('location')]",
        copy: { name: `${name}${l}`, count: c },
        sku: { name: 'Standard', tier: 'Regional' },
        zones,
        properties: { publicIPAllocationMethod: 'Static' },
      }),
    );
  }
  loops(vaults).forEach((count, l) =>
    resources.push({
      type: 'Microsoft.KeyVault/vaults',
      apiVersion: '2023-07-01',
      name: `[format('kv{0}l${l}x{1}', variables('short'), copyIndex())]`,
      location: "[parameters('location')]",
      copy: { name: `vault${l}`, count },
      properties: { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' }, enablePurgeProtection: "[not(equals(mod(copyIndex(), 11), 3))]", enableSoftDelete: true, accessPolicies: [] },
    }),
  );
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: {
      location: { type: 'string', defaultValue: 'westeurope' },
      drift: { type: 'int', defaultValue: drift },
      // Set at deployment time: the scan cannot know it.
      legacySku: { type: 'string' },
    },
    variables: { short, prefix: `[toLower('${landingZoneName(g)}')]` },
    resources,
  };
}

/** Pipeline `p`'s repository: a `.drcheck.yml` with its 50 landing zones and one template per landing zone. */
function writeRepository(dir: string, p: number, sizes: number[], run: number): void {
  const landingZones: LandingZoneConfig[] = [];
  for (let s = 0; s < SUBSCRIPTIONS_PER_PIPELINE; s++) {
    const g = p * SUBSCRIPTIONS_PER_PIPELINE + s;
    const name = landingZoneName(g);
    landingZones.push({ name, subscription: subscriptionId(g), managementGroup: MANAGEMENT_GROUPS[g % MANAGEMENT_GROUPS.length], paths: [`landing-zones/${name}/**`] });
    fs.mkdirSync(path.join(dir, 'landing-zones', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'landing-zones', name, 'main.json'), JSON.stringify(template(p, g, sizes[g], run), null, 2));
  }
  const config: DrCheckConfig = {
    strategy: 'redeploy',
    failOn: 'warning',
    landingZones,
    suppressions: [{ rule: 'storage-account/redundancy', resource: 'st??[0-9][0-9]9l*', justification: 'Scratch storage of the landing zones numbered …9: recreated with the workload.', expires: '2099-12-31' }],
  };
  // JSON is YAML: the config loader reads it as .drcheck.yml.
  fs.writeFileSync(path.join(dir, '.drcheck.yml'), JSON.stringify(config, null, 2));
}

export interface CorpusRun {
  pipeline: number;
  run: number;
  buildId: number;
  report: PostureReport;
}

/**
 * Scans every pipeline's repository as it was on each of `runs` runs (0 = oldest) and yields the reports.
 * Build ids: 10000 + pipeline * 100 + run.
 */
export async function* scanCorpus(runs: number): AsyncGenerator<CorpusRun> {
  const sizes = subscriptionSizes();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-hub-bench-'));
  try {
    for (let p = 0; p < PIPELINES; p++) {
      const dir = path.join(root, `p${p}`);
      for (let run = 0; run < runs; run++) {
        writeRepository(dir, p, sizes, run);
        const buildId = 10000 + p * 100 + run;
        const { report } = await runScan({
          paths: ['.'],
          cwd: dir,
          now: SCANNED_AT,
          run: { buildId, buildNumber: `2026.${buildId}`, definitionId: p + 1, sourceBranch: 'refs/heads/main', sourceVersion: `${buildId}`.padEnd(40, 'a'), repositoryUrl: REPOSITORY(p) },
        });
        yield { pipeline: p, run, buildId, report };
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
