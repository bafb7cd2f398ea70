// The error-code catalogue, one file per area so that each area owns its range:
// 1xxx CLI and config, 2xxx agent, links and core, 3xxx resources (35xx–39xx Windows),
// 4xxx lab and demo, 5xxx operations, API and alerts, 6xxx web console.
// E = error, W = warning, I = a logged state change.
import type { CatalogueEntry } from '../types.js';
import { cliCodes } from './cli.js';
import { configCodes } from './config.js';
import { agentCodes } from './agent.js';
import { workerCodes } from './worker.js';
import { coreCodes } from './core.js';
import { resourcesCodes } from './resources.js';
import { windowsCodes } from './windows.js';
import { labCodes } from './lab.js';
import { operationsCodes } from './operations.js';
import { consoleCodes } from './console.js';
import { adminCodes } from './admin.js';

export const catalogue: readonly CatalogueEntry[] = [
  ...cliCodes,
  ...configCodes,
  ...agentCodes,
  ...workerCodes,
  ...coreCodes,
  ...resourcesCodes,
  ...windowsCodes,
  ...labCodes,
  ...operationsCodes,
  ...consoleCodes,
  ...adminCodes,
];

export function lookupCode(code: string): CatalogueEntry | undefined {
  const wanted = code.trim().toUpperCase();
  return catalogue.find((e) => e.code === wanted);
}
