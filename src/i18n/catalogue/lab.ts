import type { CatalogueEntry } from '../types.js';

export const labCodes: CatalogueEntry[] = [];
