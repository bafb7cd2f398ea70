import type { CatalogueEntry } from '../types.js';

export const configCodes: CatalogueEntry[] = [];
