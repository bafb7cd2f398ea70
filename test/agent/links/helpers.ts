// Shared fixtures for the link tests: a two-node config, a key, summaries.
import type { NodeSummary } from '../../../src/core/types.js';
import { configSchema, parseWith } from '../../../src/config/schema.js';
import { resolveEffective, type EffectiveConfig } from '../../../src/config/load.js';
import type { CodecContext } from '../../../src/agent/links/codec.js';

export const key = Buffer.from('0123456789abcdef0123456789abcdef', 'utf8');
export const otherKey = Buffer.from('fedcba9876543210fedcba9876543210', 'utf8');

export function summary(node: string, over: Partial<NodeSummary> = {}): NodeSummary {
  return {
    node,
    incarnation: `inc-${node}`,
    seq: 1,
    configGeneration: 3,
    configHash: 'abc123',
    health: { publicOk: true, storageOk: true },
    standby: false,
    maintenance: false,
    groups: { erp: { phase: 'active', epoch: 2 } },
    ...over,
  };
}

/** What node-b uses to read node-a's datagrams. */
export const ctxB: CodecContext = { key, cluster: 'erp', peers: new Set(['node-a']) };
export const ctxA: CodecContext = { key, cluster: 'erp', peers: new Set(['node-b']) };

export function config(over: { heartbeat?: Record<string, unknown>; timing?: Record<string, unknown> } = {}): EffectiveConfig {
  const raw = {
    cluster: { name: 'erp' },
    timing: { heartbeat_ms: 100, dead_after_ms: 500, ...over.timing },
    node: [
      { name: 'node-a', private: '127.0.0.11', public: '127.0.0.21' },
      { name: 'node-b', private: '127.0.0.12', public: '127.0.0.22' },
    ],
    heartbeat: { port: 7411, ...over.heartbeat },
  };
  return resolveEffective(parseWith(configSchema, raw), '/tmp/roseha-links-test/roseha.toml');
}
