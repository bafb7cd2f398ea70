import type { CatalogueEntry } from '../types.js';

export const resourcesCodes: CatalogueEntry[] = [];
