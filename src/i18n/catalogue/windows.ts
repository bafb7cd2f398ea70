import type { CatalogueEntry } from '../types.js';

export const windowsCodes: CatalogueEntry[] = [];
