// Every command, registered in one place. Each module is light at import time; what it needs
// beyond that it loads in `run`.
import type { CommandDef } from './types.js';
import explain from './explain.js';
import status from './status.js';

export const commands: readonly CommandDef[] = [
  status,
  explain,
];

/** Summaries of the command groups (`roseha config …`). */
export const groupSummaries: Readonly<Record<string, string>> = {
  config: 'Check, show, create and distribute the cluster configuration',
  node: 'Drain a node or bring it back',
  help: 'Help topics',
  alert: 'Alert channels',
  service: 'Run roseha as an OS service',
  lab: 'The two-node lab in network namespaces',
};
