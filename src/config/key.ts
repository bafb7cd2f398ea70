// The cluster key: 32 random bytes that authenticate heartbeats (HMAC-SHA256) and derive API tokens.
// Stored as 64 hex characters so that an operator can copy it to the other node as text.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { RosehaError } from '../errors.js';

export const clusterKeyBytes = 32;

/**
 * Creates the key file if it does not exist (mode 0600; on Windows the mode is ignored and the
 * folder's ACL applies — unverified on Windows). Returns true when it wrote a new key.
 */
export function ensureClusterKey(file: string, random: (n: number) => Buffer = randomBytes): boolean {
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx' fails when the file exists: never replace a key the other node already shares.
    writeFileSync(file, random(clusterKeyBytes).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Reads a key file: 64 hex characters (what ensureClusterKey writes) or exactly 32 raw bytes. */
export function readClusterKey(file: string): Buffer {
  const raw = readFileSync(file);
  const text = raw.toString('utf8').trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (raw.length === clusterKeyBytes) return raw;
  throw new RosehaError('RHA-E1023', `${file} does not hold a cluster key (64 hex characters or 32 bytes)`);
}
