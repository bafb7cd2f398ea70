// What `roseha config validate` checks, in one module: the command loads this file alone instead of
// three modules, each of which the build serves through a small re-export file of its own; every
// file is a read and a compile at start-up (issue #2).
import { locateConfig } from './locate.js';
import { loadConfigFile } from './load.js';
import { checkFiles } from './files.js';
import type { Problem } from '../errors.js';

/** The file (`file`, else located from --config and the environment) and every problem found in it. */
export function validateConfigFile(file: string | undefined, configFlag: string | undefined, env: NodeJS.ProcessEnv): { path: string; problems: Problem[] } {
  const path = file ?? locateConfig(configFlag, env);
  const { config, problems } = loadConfigFile(path);
  if (config) problems.push(...checkFiles(config));
  return { path, problems };
}
