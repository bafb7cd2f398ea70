// Finds the local agent's socket from the config without the full schema: `status` must start fast.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { locateConfig, defaultStateDir } from '../config/locate.js';
import { RosehaError } from '../errors.js';
import type { ClientTarget } from './index.js';
import { defaultKnownHostsFile } from './pinning.js';
import { apiPaths, certificateFingerprint, normalizeFingerprint } from '../agent/api/tls.js';

/**
 * A remote agent: the token from --token, ROSEHA_TOKEN, then this machine's token file (on a node,
 * it is the cluster's); the certificate pinned to --fingerprint, ROSEHA_FINGERPRINT, then this
 * node's own certificate (the same on both nodes), then known_hosts.
 */
export function remoteTarget(globals: { config?: string; host?: string; token?: string; fingerprint?: string }, env: NodeJS.ProcessEnv): ClientTarget {
  const local = localApiFiles(globals.config, env);
  const token = globals.token ?? env.ROSEHA_TOKEN ?? readOptional(local?.token)?.trim();
  if (!token) throw new RosehaError('RHA-E2092', '--host needs an API token: --token, or ROSEHA_TOKEN', { exitCode: 2 });
  const given = globals.fingerprint ?? env.ROSEHA_FINGERPRINT;
  let fingerprint: string | undefined;
  if (given) {
    const fp = normalizeFingerprint(given);
    if (!fp) throw new RosehaError('RHA-E5205', `--fingerprint "${given}" is not a SHA-256 fingerprint (64 hex digits, colons allowed)`, { exitCode: 2 });
    fingerprint = fp;
  } else {
    const cert = readOptional(local?.cert);
    if (cert) fingerprint = certificateFingerprint(cert);
  }
  return {
    host: globals.host!,
    token,
    pin: { ...(fingerprint ? { fingerprint } : {}), knownHostsFile: defaultKnownHostsFile(env), acceptNew: env.ROSEHA_ACCEPT_NEW === '1' },
  };
}

function readOptional(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** This machine's API token and certificate files, when it has a readable config (it is a node). */
function localApiFiles(configFlag: string | undefined, env: NodeJS.ProcessEnv): { token: string; cert: string } | undefined {
  try {
    const file = locateConfig(configFlag, env);
    const raw = parse(readFileSync(file, 'utf8')) as { api?: { token_file?: unknown; cert_file?: unknown; key_file?: unknown } };
    const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
    return apiPaths(file, { token_file: str(raw.api?.token_file, 'api.token'), cert_file: str(raw.api?.cert_file, 'api.crt'), key_file: str(raw.api?.key_file, 'api.key') });
  } catch {
    return undefined;
  }
}

export function socketPathFor(stateDir: string, cluster: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? `\\\\.\\pipe\\roseha-${cluster}` : join(stateDir, 'roseha.sock');
}

export function clientTarget(globals: { config?: string; host?: string; token?: string; fingerprint?: string }, env: NodeJS.ProcessEnv = process.env): ClientTarget {
  if (globals.host) return remoteTarget(globals, env);
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
