import type { CatalogueEntry } from '../types.js';

export const operationsCodes: CatalogueEntry[] = [];
