import { createHash } from 'node:crypto';
import type { EffectiveConfig } from './load.js';

/**
 * The hash both nodes compare (heartbeats, config sync): node-local settings (the state folder,
 * the log file, resolved paths) may differ between the nodes; everything else must not.
 */
export function configHash(c: EffectiveConfig): string {
  const shared = { ...c, paths: undefined, cluster: { ...c.cluster, state_dir: undefined, log_file: undefined } };
  return createHash('sha256').update(JSON.stringify(shared)).digest('hex').slice(0, 16);
}
