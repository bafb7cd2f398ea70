// From the loaded configuration to what the core takes: the worker builds DecisionInput.groups with
// groupSpecs(); `roseha simulate` builds its SimConfig with simConfigFrom(). Type imports only: pure.
import type { EffectiveConfig } from '../config/load.js';
import type { GroupSpec } from './decide.js';
import type { SimConfig } from './sim.js';
import type { LinkName } from './types.js';

export function groupSpecs(config: Pick<EffectiveConfig, 'group'>): GroupSpec[] {
  return Object.entries(config.group).map(([name, g]) => ({
    name,
    nodes: [...g.nodes],
    failback: g.failback,
    hasVolume: g.resource.some((r) => r.type === 'volume'),
    failoverThreshold: g.failover_threshold,
    failoverPeriodMs: g.failover_period_s * 1000,
  }));
}

/** The heartbeat links this configuration sets up: both networks always, the disk when `heartbeat.disk` is set. */
export function configuredLinks(config: Pick<EffectiveConfig, 'heartbeat'>): LinkName[] {
  return config.heartbeat.disk ? ['private', 'public', 'disk'] : ['private', 'public'];
}

export function simConfigFrom(
  config: Pick<EffectiveConfig, 'group' | 'heartbeat' | 'node' | 'timing'>,
  opts: Partial<Omit<SimConfig, 'nodes' | 'groups' | 'timing' | 'links'>> = {},
): SimConfig {
  const [a, b] = config.node;
  return {
    ...opts,
    nodes: [a!.name, b!.name],
    groups: groupSpecs(config),
    timing: { heartbeat_ms: config.timing.heartbeat_ms, dead_after_ms: config.timing.dead_after_ms },
    links: configuredLinks(config),
  };
}
