import type { CatalogueEntry } from '../types.js';

export const agentCodes: CatalogueEntry[] = [];
