/**
 * Reports for the publisher tests, produced the way users get them: real templates through the real scan.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PostureReport } from '../../shared/report/types';
import { runScan } from '../../tasks/DrCheckV1/src/scan';

export const REPO = path.resolve(__dirname, '../..');
export const CONTOSO = path.join(REPO, 'examples/contoso');

const cache = new Map<string, PostureReport>();

/** The Contoso example (three landing zones, one suppression), scanned once per test run. */
export async function contoso(): Promise<PostureReport> {
  if (!cache.has('contoso')) cache.set('contoso', (await runScan({ paths: ['.'], cwd: CONTOSO, now: new Date('2026-11-25T00:00:00Z') })).report);
  return cache.get('contoso')!;
}

/** Scans a throwaway folder holding the given files. */
export async function scanFiles(files: Record<string, string>, opts: { now?: Date } = {}): Promise<PostureReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-pub-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return (await runScan({ paths: ['.'], cwd: dir, now: opts.now ?? new Date('2026-11-25T00:00:00Z') })).report;
}

/** An ARM template as quickstarts write them, with the given resources. */
export function template(resources: object[], parameters: object = {}): string {
  return JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters, resources }, null, 2);
}

export const storage = (name: string, sku: string, extra: object = {}) => ({ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name, location: 'westeurope', sku: { name: sku }, kind: 'StorageV2', ...extra });

/** Untrusted names that try Markdown, HTML, table breaks, links, autolinks and pipeline logging commands. */
export const HOSTILE = [
  'x|y',
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '**bold** _it_ `code`',
  '##vso[task.setvariable variable=pwned]yes',
  'https://evil.example/phish',
  'line1\nline2',
  '& < > " \'',
];
