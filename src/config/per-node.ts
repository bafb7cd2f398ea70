// A table as one node uses it: its `on.NODE` values over the shared ones (a resource, the
// heartbeat table; schema.ts). The file is the same on both nodes; each node reads its own values.
import type { Config, GroupConfig, ResourceConfig } from './schema.js';

/** `x` with `node`'s own values, and without its `on` tables. Unknown or no node: the shared values. */
function valuesOn<T extends { on?: Record<string, object> | undefined }>(x: T, node: string | undefined): Omit<T, 'on'> {
  const { on, ...shared } = x;
  const own = node === undefined ? undefined : on?.[node];
  return own ? { ...shared, ...own } : shared;
}

export const resourceOn = <R extends ResourceConfig>(r: R, node: string | undefined): R => valuesOn(r, node) as R;

/** The group with every resource as `node` runs it. */
export const groupOn = (g: GroupConfig, node: string | undefined): GroupConfig => ({ ...g, resource: g.resource.map((r) => resourceOn(r, node)) });

/** The heartbeat settings as `node` uses them: its own disk path, offset and watchdog device. */
export const heartbeatOn = (h: Config['heartbeat'], node: string | undefined): Config['heartbeat'] => valuesOn(h, node);
