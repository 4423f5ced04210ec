/**
 * Builds catalog entries for services whose resilience is part of the Azure service itself
 * (the article's "N/A, covered as part of the Azure service").
 */
import type { CatalogEntry } from '../types';

export const COVERED = 'N/A, covered as part of the Azure service';

export function platformEntry(entry: Omit<CatalogEntry, 'stateful' | 'defaultRedundancy' | 'uplift' | 'caveats' | 'responsibility' | 'contosoSku' | 'section'> & Partial<CatalogEntry>): CatalogEntry {
  return {
    section: 'stateless-foundational',
    stateful: false,
    responsibility: { component: 'Microsoft', workload: 'Microsoft' },
    contosoSku: 'N/A',
    uplift: [],
    caveats: [],
    defaultRedundancy: 'managed',
    defaultReason: `${entry.displayName}: ${COVERED} (Microsoft recovers it)`,
    ...entry,
  };
}
