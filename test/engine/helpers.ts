import type { NormalisedResource } from '../../shared/model/resource';
import type { Value } from '../../shared/model/value';

/** A normalised resource as a reader would produce it, for engine tests. */
export function resource(type: string, name: string | null, body: { [key: string]: Value }, more: Partial<NormalisedResource> = {}): NormalisedResource {
  return {
    type,
    name,
    address: more.address ?? name ?? `[parameters('name')]`,
    body,
    source: { file: more.source?.file ?? 'landing-zone-data/main.json', line: more.source?.line ?? 10, column: 5, language: 'arm' },
    ...more,
  } as NormalisedResource;
}

export const storage = (name: string, sku: Value, more: Partial<NormalisedResource> = {}) =>
  resource('Microsoft.Storage/storageAccounts', name, { location: 'westeurope', sku: { name: sku }, kind: 'StorageV2', properties: { isHnsEnabled: true } }, more);
