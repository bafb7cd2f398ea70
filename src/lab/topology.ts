// The lab's networks as argument vectors: a switch namespace with two bridges (private, public),
// one veth pair per node and network, a client on the public bridge. Nothing touches the root
// namespace's networking: every device is created inside a lab namespace (`ip -n`).
import type { CommandSpec } from '../platform/types.js';
import type { LabNames, LabNode } from './names.js';
import { allNamespaces } from './names.js';

const ipn = (netns: string, ...args: string[]): CommandSpec => ({ file: 'ip', args: ['-n', netns, ...args] });

export function topologyUpCommands(n: LabNames): CommandSpec[] {
  const sw = n.switchNetns;
  const out: CommandSpec[] = allNamespaces(n).map((ns) => ({ file: 'ip', args: ['netns', 'add', ns] }));
  for (const ns of allNamespaces(n)) out.push(ipn(ns, 'link', 'set', 'lo', 'up'));
  for (const br of [n.privateBridge, n.publicBridge]) {
    // No STP (ports forward at once); no multicast snooping (VRRP adverts are multicast).
    out.push(ipn(sw, 'link', 'add', br, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0', 'mcast_snooping', '0'));
    out.push(ipn(sw, 'link', 'set', br, 'up'));
  }
  out.push(ipn(sw, 'addr', 'add', `${n.gateway}/${n.publicPrefixLen}`, 'dev', n.publicBridge));
  const plug = (ns: string, inner: string, outer: string, bridge: string, address: string, prefixLen: number) => {
    out.push(ipn(ns, 'link', 'add', inner, 'type', 'veth', 'peer', 'name', outer, 'netns', sw));
    out.push(ipn(sw, 'link', 'set', outer, 'master', bridge));
    out.push(ipn(sw, 'link', 'set', outer, 'up'));
    out.push(ipn(ns, 'addr', 'add', `${address}/${prefixLen}`, 'dev', inner));
    out.push(ipn(ns, 'link', 'set', inner, 'up'));
  };
  for (const node of Object.values(n.nodes)) {
    plug(node.netns, node.privateIf, node.switchPrivateIf, n.privateBridge, node.privateAddress, n.privatePrefixLen);
    plug(node.netns, node.publicIf, node.switchPublicIf, n.publicBridge, node.publicAddress, n.publicPrefixLen);
    out.push(ipn(node.netns, 'route', 'add', 'default', 'via', n.gateway));
  }
  plug(n.clientNetns, n.clientIf, n.switchClientIf, n.publicBridge, n.clientAddress, n.publicPrefixLen);
  return out;
}

/** Interfaces of a node, in the node's namespace: what a power loss or a link cut takes down. */
export const nodeInterfaces = (node: LabNode): string[] => [node.privateIf, node.publicIf];

/** `ip -batch` text that sets all of a node's interfaces down (or up) in one netlink session. */
export function linkBatch(node: LabNode, state: 'up' | 'down', links: string[] = nodeInterfaces(node)): CommandSpec {
  return { file: 'ip', args: ['-n', node.netns, '-batch', '-'], input: links.map((l) => `link set ${l} ${state}`).join('\n') + '\n' };
}

export function topologyDownCommands(n: LabNames): CommandSpec[] {
  // Deleting a namespace destroys its veths (and so their peers) and bridges.
  return allNamespaces(n).map((ns) => ({ file: 'ip', args: ['netns', 'del', ns] }));
}
