// Every command, registered in one place. Each module is light at import time; what it needs
// beyond that it loads in `run`.
import type { CommandDef } from './types.js';
import explain from './explain.js';
import status from './status.js';
import agent from './agent.js';
import configValidate from './config-validate.js';
import configShow from './config-show.js';
import configInit from './config-init.js';
import help from './help.js';
import version from './version.js';

export const commands: readonly CommandDef[] = [
  agent,
  status,
  explain,
  configValidate,
  configShow,
  configInit,
  help,
  version,
];

/** Summaries of the command groups (`roseha config …`). */
export const groupSummaries: Readonly<Record<string, string>> = {
  config: 'Check, show, create and distribute the cluster configuration',
  node: 'Drain a node or bring it back',
  alert: 'Alert channels',
  service: 'Run roseha as an OS service',
  lab: 'The two-node lab in network namespaces',
};
