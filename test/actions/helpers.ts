// Builds resources and groups through the real schema, so that defaults are the ones users get.
import { groupSchema, parseWith, resourceSchema, type GroupConfig, type ResourceConfig } from '../../src/config/schema.js';
import type { DriverContext } from '../../src/actions/types.js';
import type { Runner } from '../../src/platform/types.js';

export function resource<T extends ResourceConfig['type']>(raw: { type: T; name: string } & Record<string, unknown>): Extract<ResourceConfig, { type: T }> {
  return parseWith(resourceSchema, raw) as Extract<ResourceConfig, { type: T }>;
}

export function group(resources: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}): GroupConfig {
  return parseWith(groupSchema, { nodes: ['node-a', 'node-b'], resource: resources, ...extra });
}

export function ctxFor(runner: Runner, extra: Partial<DriverContext> = {}): DriverContext & { warnings: Array<[string, string]> } {
  const warnings: Array<[string, string]> = [];
  return { runner, platform: 'linux', timeoutMs: 10_000, stateDir: '/var/lib/roseha', warn: (c, m) => warnings.push([c, m]), warnings, ...extra };
}
