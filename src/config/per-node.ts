// A resource as one node runs it: its `on.NODE` values over the shared ones (schema.ts, resource()).
import type { GroupConfig, ResourceConfig } from './schema.js';

/** `r` with `node`'s own values, and without its `on` tables. Unknown or no node: the shared values. */
export function resourceOn<R extends ResourceConfig>(r: R, node: string | undefined): R {
  const { on, ...shared } = r;
  const own = node === undefined ? undefined : on?.[node];
  return (own ? { ...shared, ...own } : shared) as R;
}

/** The group with every resource as `node` runs it. */
export const groupOn = (g: GroupConfig, node: string | undefined): GroupConfig => ({ ...g, resource: g.resource.map((r) => resourceOn(r, node)) });
