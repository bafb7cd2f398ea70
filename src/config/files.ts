// Checks of a valid config against the machine it is read on (the schema and checkConfig are pure).
import { accessSync, constants } from 'node:fs';
import type { Problem } from '../errors.js';
import type { EffectiveConfig } from './load.js';

export function checkFiles(c: EffectiveConfig): Problem[] {
  const out: Problem[] = [];
  try {
    accessSync(c.paths.key_file, constants.R_OK);
  } catch {
    out.push({ code: 'RHA-W1019', severity: 'warning', where: 'cluster.key_file', message: `${c.paths.key_file} is missing or unreadable: the agent will not start without it (roseha config init creates one)` });
  }
  const watchdog = c.heartbeat.watchdog;
  if (watchdog) {
    try {
      accessSync(watchdog, constants.W_OK);
    } catch {
      out.push({ code: 'RHA-W1024', severity: 'warning', where: 'heartbeat.watchdog', message: `${watchdog} is missing or not writable on this machine: the agent will not start here with it (RHA-E2015)` });
    }
  }
  return out;
}
