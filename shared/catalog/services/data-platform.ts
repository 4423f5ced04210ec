import type { CatalogEntry } from '../types';
import storageAccount from './storage-account';

/** Data-platform services, the article's "other key services" and its stateful/stateless examples. */
export const DATA_PLATFORM_SERVICES: readonly CatalogEntry[] = [storageAccount];
