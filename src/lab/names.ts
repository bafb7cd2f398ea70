// Every name and address of one lab, derived from its prefix so that two labs (two test files, a
// demo and a test) never collide on namespaces, loop devices or run directories.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type LabNodeName = 'node-a' | 'node-b';
export const labNodeNames: readonly LabNodeName[] = ['node-a', 'node-b'];
export type LinkName = 'private' | 'public';

export interface LabNode {
  name: LabNodeName;
  /** Network namespace that plays this node. */
  netns: string;
  /** Interface names inside the node namespace (the same in both nodes, like two identical servers). */
  privateIf: string;
  publicIf: string;
  /** Their peers, inside the switch namespace, plugged into the bridges. */
  switchPrivateIf: string;
  switchPublicIf: string;
  privateAddress: string;
  publicAddress: string;
  /** Per-node folder in the run dir: config, key, logs, mount point. */
  dir: string;
  mountPoint: string;
}

export interface LabNames {
  prefix: string;
  runDir: string;
  switchNetns: string;
  clientNetns: string;
  clientIf: string;
  switchClientIf: string;
  privateBridge: string;
  publicBridge: string;
  privatePrefixLen: number;
  publicPrefixLen: number;
  clientAddress: string;
  /** Answers ping on the public network: what the agents call the gateway. Lives on the switch's public bridge. */
  gateway: string;
  vip: string;
  vipPrefixLen: number;
  servicePort: number;
  nodes: Record<LabNodeName, LabNode>;
  /** Backing files of the shared disk. */
  heartbeatImage: string;
  dataImage: string;
  stateFile: string;
}

const prefixPattern = /^[a-z][a-z0-9]{0,7}$/;

export function isValidPrefix(prefix: string): boolean {
  return prefixPattern.test(prefix);
}

/** Namespace and interface names must stay short (IFNAMSIZ 15), so the prefix is at most 8 characters. */
export function labNames(prefix = 'rha', runDir = join(tmpdir(), `roseha-lab-${prefix}`)): LabNames {
  if (!isValidPrefix(prefix)) throw new Error(`lab prefix "${prefix}" must be 1-8 lowercase letters or digits, starting with a letter`);
  const node = (name: LabNodeName, letter: 'a' | 'b', host: number): LabNode => ({
    name,
    netns: `${prefix}-${letter}`,
    privateIf: 'priv0',
    publicIf: 'pub0',
    switchPrivateIf: `${letter}-priv`,
    switchPublicIf: `${letter}-pub`,
    privateAddress: `192.168.100.${host}`,
    publicAddress: `10.99.0.${10 + host}`,
    dir: join(runDir, name),
    mountPoint: join(runDir, name, 'data'),
  });
  return {
    prefix,
    runDir,
    switchNetns: `${prefix}-sw`,
    clientNetns: `${prefix}-client`,
    clientIf: 'pub0',
    switchClientIf: 'c-pub',
    privateBridge: 'br-priv',
    publicBridge: 'br-pub',
    privatePrefixLen: 24,
    publicPrefixLen: 24,
    clientAddress: '10.99.0.50',
    gateway: '10.99.0.1',
    vip: '10.99.0.100',
    vipPrefixLen: 24,
    servicePort: 8080,
    nodes: { 'node-a': node('node-a', 'a', 1), 'node-b': node('node-b', 'b', 2) },
    heartbeatImage: join(runDir, 'shared-heartbeat.img'),
    dataImage: join(runDir, 'shared-data.img'),
    stateFile: join(runDir, 'lab-state.json'),
  };
}

export const allNamespaces = (n: LabNames): string[] => [n.nodes['node-a'].netns, n.nodes['node-b'].netns, n.clientNetns, n.switchNetns];

export const peerOf = (node: LabNodeName): LabNodeName => (node === 'node-a' ? 'node-b' : 'node-a');
