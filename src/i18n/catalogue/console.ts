import type { CatalogueEntry } from '../types.js';

export const consoleCodes: CatalogueEntry[] = [];
