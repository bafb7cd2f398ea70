import { describe, expect, it } from 'vitest';
import { configSchema, parseWith } from '../../src/config/schema.js';
import { configuredLinks, groupSpecs, simConfigFrom } from '../../src/core/from-config.js';
import { parseSteps, simulate } from '../../src/core/sim.js';

const raw = {
  cluster: { name: 'erp' },
  node: [
    { name: 'node-a', private: '192.168.100.1', public: '10.0.0.11' },
    { name: 'node-b', private: '192.168.100.2', public: '10.0.0.12' },
  ],
  heartbeat: { disk: '/dev/sdb1' },
  group: {
    erp: {
      nodes: ['node-a', 'node-b'],
      failback: 'window 02-04',
      failover_period_s: 600,
      resource: [{ name: 'data', type: 'volume', disk: '/dev/sdc', mount: '/srv' }],
    },
    web: { nodes: ['node-b', 'node-a'], resource: [{ name: 'ip', type: 'ip', address: '10.0.0.100/24', interface: 'eth0' }] },
  },
};

describe('from the config to the core', () => {
  const parsed = parseWith(configSchema, raw);
  const config = { ...parsed, timing: { profile: 'balanced' as const, heartbeat_ms: 200, dead_after_ms: 1000 } };

  it('turns groups into GroupSpecs (volume detected, periods in ms)', () => {
    expect(groupSpecs(config)).toEqual([
      { name: 'erp', nodes: ['node-a', 'node-b'], failback: 'window 02-04', hasVolume: true, failoverThreshold: 2, failoverPeriodMs: 600_000 },
      { name: 'web', nodes: ['node-b', 'node-a'], failback: 'manual', hasVolume: false, failoverThreshold: 2, failoverPeriodMs: 21_600_000 },
    ]);
  });

  it('configures the disk link only when a disk is set', () => {
    expect(configuredLinks(config)).toEqual(['private', 'public', 'disk']);
    expect(configuredLinks({ heartbeat: { ...config.heartbeat, disk: undefined } })).toEqual(['private', 'public']);
  });

  it('drives the simulation: "crash node-a" moves erp to node-b', () => {
    const r = simulate(simConfigFrom(config), parseSteps('crash node-a', 3000), 6000);
    expect(r.final['node-b']!.phases).toEqual({ erp: 'active', web: 'active' });
    expect(r.overlaps).toEqual([]);
  });
});
