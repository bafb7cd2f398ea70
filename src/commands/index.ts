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
import move from './move.js';
import clear from './clear.js';
import lock from './lock.js';
import unlock from './unlock.js';
import nodeStandby from './node-standby.js';
import nodeOnline from './node-online.js';
import maintenance from './maintenance.js';
import cleanup from './cleanup.js';
import log from './log.js';
import simulate from './simulate.js';
import configPush from './config-push.js';
import configEdit from './config-edit.js';
import configDiff from './config-diff.js';
import alertTest from './alert-test.js';
import { serviceCommands } from './service.js';

export const commands: readonly CommandDef[] = [
  agent,
  status,
  explain,
  configValidate,
  configShow,
  configInit,
  move,
  clear,
  lock,
  unlock,
  nodeStandby,
  nodeOnline,
  maintenance,
  cleanup,
  log,
  simulate,
  configPush,
  configEdit,
  configDiff,
  alertTest,
  ...serviceCommands,
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
