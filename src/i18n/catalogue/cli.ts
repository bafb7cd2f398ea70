import type { CatalogueEntry } from '../types.js';

export const cliCodes: CatalogueEntry[] = [];
