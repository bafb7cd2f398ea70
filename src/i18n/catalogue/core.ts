import type { CatalogueEntry } from '../types.js';

export const coreCodes: CatalogueEntry[] = [];
