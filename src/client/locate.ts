// Finds the local agent's socket from the config without the full schema: `status` must start fast.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { locateConfig, defaultStateDir } from '../config/locate.js';
import { RosehaError } from '../errors.js';
import type { ClientTarget } from './index.js';

export function socketPathFor(stateDir: string, cluster: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `\\\\.\\pipe\\roseha-${cluster}` : join(stateDir, 'roseha.sock');
}

export function clientTarget(globals: { config?: string; host?: string; token?: string }, env: NodeJS.ProcessEnv = process.env): ClientTarget {
  if (globals.host) {
    const token = globals.token ?? env.ROSEHA_TOKEN;
    if (!token) throw new RosehaError('RHA-E2092', '--host needs an API token: --token, or ROSEHA_TOKEN', { exitCode: 2 });
    return { host: globals.host, token };
  }
  if (env.ROSEHA_SOCKET) return { socketPath: env.ROSEHA_SOCKET };
  const file = locateConfig(globals.config, env);
  let raw: { cluster?: { name?: unknown; state_dir?: unknown } };
  try {
    raw = parse(readFileSync(file, 'utf8')) as typeof raw;
  } catch (err) {
    throw new RosehaError('RHA-E1005', `cannot read the config ${file} to find the local agent: ${(err as Error).message.split('\n')[0]}`, {
      cause: err,
    });
  }
  const cluster = typeof raw.cluster?.name === 'string' ? raw.cluster.name : 'roseha';
  const dir = typeof raw.cluster?.state_dir === 'string' ? raw.cluster.state_dir : defaultStateDir(env);
  const stateDir = isAbsolute(dir) ? dir : resolve(dirname(resolve(file)), dir);
  return { socketPath: socketPathFor(stateDir, cluster) };
}
