/**
 * Loads and validates `.drcheck.yml`. Errors name the file, line and column of the offending node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import schema from './drcheck.schema.json';
import type { DrCheckConfig, LoadedConfig } from './types';

export const CONFIG_FILE_NAMES = ['.drcheck.yml', '.drcheck.yaml'];

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${file}(${line},${column}): ${message}`);
    this.name = 'ConfigError';
  }
}

/** Compiled on first use: a run without a config file never pays for compiling the schema. */
let compiled: ValidateFunction<DrCheckConfig> | undefined;
const validator = () => (compiled ??= new Ajv({ allErrors: true, strict: false }).compile<DrCheckConfig>(schema));

/** Finds the YAML node at a JSON-pointer-like instance path (`/landingZones/0/paths`). */
function nodeAt(root: YamlNode | null | undefined, instancePath: string): YamlNode | null | undefined {
  let node = root;
  for (const seg of instancePath.split('/').filter(Boolean).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (isMap(node)) node = node.get(seg, true) as YamlNode | undefined;
    else if (isSeq(node)) node = node.get(Number(seg), true) as YamlNode | undefined;
    else break;
  }
  return node;
}

/** Parses and validates config text; `file` is used in error messages only. */
export function parseConfig(text: string, file: string): DrCheckConfig {
  return parseConfigWithPositions(text, file).config;
}

/** Parses and validates config text, and says where in it each value is written (by JSON pointer). */
function parseConfigWithPositions(text: string, file: string): { config: DrCheckConfig; at: (pointer: string) => { line: number; column: number } | undefined } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const where = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length) {
    const err = doc.errors[0];
    const { line, column } = where(err.pos[0]);
    throw new ConfigError(`invalid YAML: ${err.message.split('\n')[0]}`, file, line, column);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    // Unresolved aliases, alias bombs: the yaml package throws while building the value.
    throw new ConfigError(`invalid YAML: ${(e as Error).message.split('\n')[0]}`, file, 1, 1);
  }
  const validate = validator();
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // The most specific error first: the deepest path.
    const err = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
    let node = nodeAt(doc.contents as YamlNode, err.instancePath);
    if (err.keyword === 'additionalProperties' && isMap(node)) {
      // Point at the unknown key itself.
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (pair?.key) node = pair.key as YamlNode;
    }
    const { line, column } = where(node?.range?.[0]);
    const at = err.instancePath ? err.instancePath.slice(1).replace(/\//g, '.') : 'the file';
    let detail = err.message ?? 'is invalid';
    if (err.keyword === 'additionalProperties') detail = `has an unknown key '${(err.params as { additionalProperty: string }).additionalProperty}'`;
    if (err.keyword === 'enum') detail = `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    if (err.keyword === 'pattern' && err.instancePath === '/organisation') detail = 'must be a name, not only spaces';
    throw new ConfigError(`${at} ${detail}`, file, line, column);
  }
  const config = data as DrCheckConfig;
  for (const [i, s] of (config.suppressions ?? []).entries()) {
    if (s.expires && Number.isNaN(Date.parse(`${s.expires}T00:00:00Z`))) {
      const node = nodeAt(doc.contents as YamlNode, `/suppressions/${i}/expires`);
      const { line, column } = where(node?.range?.[0]);
      throw new ConfigError(`suppressions.${i}.expires '${s.expires}' is not a valid date`, file, line, column);
    }
  }
  const at = (pointer: string) => {
    const node = nodeAt(doc.contents as YamlNode, pointer);
    return node?.range ? where(node.range[0]) : undefined;
  };
  return { config, at };
}

/** Reads a config file. Throws ConfigError (with position) when it cannot be read or is invalid. */
export function loadConfigFile(file: string, displayName = file): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, displayName, 1, 1);
  }
  const { config, at } = parseConfigWithPositions(text, displayName);
  return { config, file: path.resolve(file), baseDir: path.dirname(path.resolve(file)), at };
}

/** Looks for `.drcheck.yml` in each folder given (first hit wins). */
export function findConfigFile(folders: string[]): string | null {
  for (const folder of folders) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(folder, name);
      if (fs.existsSync(candidate)) return candidate;
    }
  }
  return null;
}
