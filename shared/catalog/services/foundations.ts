import type { CatalogEntry } from '../types';

/** Foundational services (identity, management, connectivity): the article's stateful and stateless foundational components. */
export const FOUNDATION_SERVICES: readonly CatalogEntry[] = [];
