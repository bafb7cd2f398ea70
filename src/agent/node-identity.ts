// Which [[node]] this machine is: --node, ROSEHA_NODE, else the node whose private or public
// address is configured on one of this machine's interfaces.
import { networkInterfaces } from 'node:os';
import type { EffectiveConfig } from '../config/load.js';
import { RosehaError } from '../errors.js';

export function identifyNode(
  config: Pick<EffectiveConfig, 'node'>,
  explicit: string | undefined,
  localAddresses: () => string[] = () =>
    Object.values(networkInterfaces())
      .flat()
      .filter((a): a is NonNullable<typeof a> => !!a)
      .map((a) => a.address),
): string {
  const names = config.node.map((n) => n.name);
  if (explicit) {
    if (!names.includes(explicit)) {
      throw new RosehaError('RHA-E2020', `--node ${explicit} is not one of the configured nodes (${names.join(', ')})`, { exitCode: 2 });
    }
    return explicit;
  }
  const mine = new Set(localAddresses());
  const matches = config.node.filter((n) => mine.has(n.private) || mine.has(n.public));
  if (matches.length === 1) return matches[0]!.name;
  throw new RosehaError(
    'RHA-E2020',
    matches.length === 0
      ? `none of the configured node addresses is on this machine; say which node this is with --node (${names.join(' or ')})`
      : `both nodes' addresses are on this machine; say which node this is with --node`,
    { exitCode: 2 },
  );
}
