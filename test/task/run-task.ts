/**
 * Runs the built task exactly as the agent does: `node dist/tasks/DrCheckV1/index.js` in a child process,
 * inputs and variables in the environment, and parses the `##vso[...]` commands it prints.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const TASK = path.join(REPO, 'dist/tasks/DrCheckV1/index.js');

export interface VsoCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Parses a logging command line (`##vso[area.action k=v;k=v]message`), undoing task-lib's escaping. */
export function parseCommand(line: string): VsoCommand | undefined {
  const m = /^##vso\[([^\s\]]+)\s*([^\]]*)\](.*)$/.exec(line);
  if (!m) return undefined;
  const unescape = (s: string) => s.replace(/%AZP25/g, '%').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%3B/g, ';');
  const properties: Record<string, string> = {};
  for (const pair of m[2].split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) properties[pair.slice(0, eq).trim()] = unescape(pair.slice(eq + 1));
  }
  return { command: m[1], properties, message: unescape(m[3]) };
}

export interface TaskRun {
  code: number | null;
  stdout: string;
  stderr: string;
  commands: VsoCommand[];
  /** `task.complete` result and message. */
  result: string | undefined;
  resultMessage: string | undefined;
  issues: VsoCommand[];
  staging: string;
  find(command: string, prop?: Record<string, string>): VsoCommand | undefined;
}

export interface AgentEnv {
  inputs?: Record<string, string>;
  variables?: Record<string, string>;
  /** Job access token (SystemVssConnection) and collection URL. */
  token?: string;
  collectionUrl?: string;
  sources: string;
  endpoints?: Record<string, { url?: string; data?: Record<string, string> }>;
  /** Agent.TempDirectory (staging is `<temp>/a`): pass the same one to run two steps of one job. */
  temp?: string;
  /** Other environment variables (e.g. PATH). */
  env?: Record<string, string>;
}

export async function runTask(agent: AgentEnv): Promise<TaskRun> {
  const temp = agent.temp ?? fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-agent-'));
  const staging = path.join(temp, 'a');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(INPUT_|ENDPOINT_|SECRET_|SYSTEM_|BUILD_|AGENT_)/.test(k)) env[k] = v;
  Object.assign(env, {
    SYSTEM_HOSTTYPE: 'build',
    AGENT_TEMPDIRECTORY: temp,
    AGENT_VERSION: '4.258.1',
    BUILD_SOURCESDIRECTORY: agent.sources,
    BUILD_ARTIFACTSTAGINGDIRECTORY: staging,
    SYSTEM_DEFAULTWORKINGDIRECTORY: agent.sources,
    DRCHECK_RETRY_BASE_MS: '50',
    DRCHECK_HTTP_TIMEOUT_MS: '1500',
  });
  Object.assign(env, agent.env ?? {});
  for (const [k, v] of Object.entries(agent.inputs ?? {})) env[`INPUT_${k.toUpperCase()}`] = v;
  for (const [k, v] of Object.entries(agent.variables ?? {})) env[k.replace(/\./g, '_').toUpperCase()] = v;
  if (agent.token) {
    env.ENDPOINT_URL_SYSTEMVSSCONNECTION = agent.collectionUrl;
    env.ENDPOINT_AUTH_SYSTEMVSSCONNECTION = JSON.stringify({ parameters: { AccessToken: agent.token }, scheme: 'OAuth' });
    env.ENDPOINT_AUTH_SCHEME_SYSTEMVSSCONNECTION = 'OAuth';
    env.ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN = agent.token;
    env.SYSTEM_ACCESSTOKEN = agent.token;
    env.SECRET_SYSTEM_ACCESSTOKEN = agent.token;
    env.VSTS_SECRET_VARIABLES = JSON.stringify(['System.AccessToken']);
  }
  for (const [id, e] of Object.entries(agent.endpoints ?? {})) {
    // The agent keys endpoint variables by the endpoint id as given (task-lib reads them that way).
    if (e.url) env[`ENDPOINT_URL_${id}`] = e.url;
    for (const [k, v] of Object.entries(e.data ?? {})) env[`ENDPOINT_DATA_${id}_${k.toUpperCase()}`] = v;
    env[`ENDPOINT_AUTH_${id}`] = JSON.stringify({ parameters: { serviceprincipalid: 'spn', serviceprincipalkey: 'spn-secret-value-123' }, scheme: 'ServicePrincipal' });
  }
  const child = spawn(process.execPath, [TASK], { cwd: agent.sources, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const commands = stdout.split(/\r?\n/).map(parseCommand).filter((c): c is VsoCommand => !!c);
  const complete = [...commands].reverse().find((c) => c.command === 'task.complete');
  return {
    code,
    stdout,
    stderr,
    commands,
    staging,
    result: complete?.properties.result,
    resultMessage: complete?.message,
    issues: commands.filter((c) => c.command === 'task.logissue' || c.command === 'task.issue'),
    find: (command, prop = {}) => commands.find((c) => c.command === command && Object.entries(prop).every(([k, v]) => c.properties[k] === v)),
  };
}

/** A throwaway repository with one landing-zone template whose storage SKU and names a test chooses. */
export function makeRepo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drcheck-repo-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export function lakeTemplate(sku: string, extra: object[] = []): string {
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { skuName: { type: 'string', defaultValue: sku } },
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'stlakeprd', location: 'westeurope', sku: { name: "[parameters('skuName')]" }, kind: 'StorageV2', properties: { isHnsEnabled: true } },
        ...extra,
      ],
    },
    null,
    2,
  );
}

/**
 * Where a secret shows up on stdout, other than in the `##vso[task.setsecret]` command that registers it with the
 * agent's masker (the agent consumes that line; it never reaches the log). Returns the offending lines.
 */
export function leaks(run: Pick<TaskRun, 'stdout' | 'stderr'>, secret: string): string[] {
  return `${run.stdout}\n${run.stderr}`.split(/\r?\n/).filter((l) => l.includes(secret) && !l.startsWith('##vso[task.setsecret]'));
}

/** Every file under a folder. */
export function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** An ARM template with one Key Vault and one Cosmos DB account, as the AVM/quickstart templates write them. */
export function dataTemplate(opts: { purgeProtection: boolean; secondRegion: boolean }): string {
  const locations = [{ locationName: "[parameters('location')]", failoverPriority: 0, isZoneRedundant: true }];
  if (opts.secondRegion) locations.push({ locationName: "[parameters('secondaryLocation')]", failoverPriority: 1, isZoneRedundant: false });
  return JSON.stringify(
    {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: {
        location: { type: 'string', defaultValue: 'westeurope' },
        secondaryLocation: { type: 'string', defaultValue: 'northeurope' },
        keyVaultName: { type: 'string', defaultValue: 'kv-platform-prd' },
        cosmosName: { type: 'string', defaultValue: 'cosmos-orders-prd' },
      },
      resources: [
        {
          type: 'Microsoft.KeyVault/vaults',
          apiVersion: '2023-07-01',
          name: "[parameters('keyVaultName')]",
          location: "[parameters('location')]",
          properties: {
            tenantId: '[subscription().tenantId]',
            sku: { family: 'A', name: 'standard' },
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            ...(opts.purgeProtection ? { enablePurgeProtection: true } : {}),
          },
        },
        {
          type: 'Microsoft.DocumentDB/databaseAccounts',
          apiVersion: '2024-05-15',
          name: "[parameters('cosmosName')]",
          location: "[parameters('location')]",
          kind: 'GlobalDocumentDB',
          properties: { databaseAccountOfferType: 'Standard', enableAutomaticFailover: true, consistencyPolicy: { defaultConsistencyLevel: 'Session' }, locations },
        },
      ],
    },
    null,
    2,
  );
}
