// Real faults for the lab (DESIGN.md "Fault model"): power loss, link cuts, packet loss, signals to
// processes, loss of a node's path to the shared disk.
import type { Runner } from '../platform/types.js';
import { RosehaError } from '../errors.js';
import { must, monotonicMs, tryRun } from './exec.js';
import { linkBatch, nodeInterfaces } from './topology.js';
import { failDiskPath, restoreDiskPath, type LabDisks } from './disk.js';
import type { LabNames, LabNodeName, LinkName } from './names.js';

export interface PowerLossResult {
  /** When every process of the node was frozen (SIGSTOP): the instant of the "power loss". */
  t: number;
  /** When the command that set the node's interfaces down had been handed its input. */
  linksDownAt: number;
  /** When the last SIGKILL was sent. */
  killedAt: number;
  killed: number[];
}

export type LossMethod = 'netem' | 'nftables';

export class Faults {
  constructor(
    private readonly runner: Runner,
    private readonly names: LabNames,
    private readonly disks: LabDisks,
    /** Lab observers (samplers, prober) that no fault may kill. */
    private readonly observers: () => number[],
  ) {}

  /** Every process of the node's namespace except the lab's observers. */
  async processesOf(node: LabNodeName): Promise<number[]> {
    const r = await must(this.runner, { file: 'ip', args: ['netns', 'pids', this.names.nodes[node].netns] });
    const spare = new Set(this.observers());
    return r.stdout.split(/\s+/).filter(Boolean).map(Number).filter((p) => !spare.has(p) && p !== process.pid);
  }

  /**
   * Power loss: every process of the node frozen, its interfaces down, then every process killed,
   * as close to one instant as one process can make it. The `ip -batch` process is started first and
   * fed its two lines at the fault, so no spawn happens between freezing and cutting.
   */
  async powerLoss(node: LabNodeName): Promise<PowerLossResult> {
    const n = this.names.nodes[node];
    const batch = linkBatch(n, 'down');
    const ipBatch = this.runner.spawnInteractive?.({ file: batch.file, args: batch.args });
    const exited = ipBatch ? new Promise<number | null>((resolve) => ipBatch.onExit(resolve)) : undefined;
    // `ip -n` enters the node's namespace itself: it must not freeze and kill its own cutter.
    const pids = (await this.processesOf(node)).filter((p) => p !== ipBatch?.pid);
    const t = monotonicMs();
    for (const pid of pids) signal(pid, 'SIGSTOP');
    let linksDownAt: number;
    if (ipBatch) {
      ipBatch.write(batch.input ?? '');
      linksDownAt = monotonicMs();
    }
    for (const pid of pids) signal(pid, 'SIGKILL');
    let killedAt = monotonicMs();
    if (ipBatch) {
      // ip reads and applies each line as it arrives; wait until the links are seen down, then end it.
      await this.waitLinks(node, 'down');
      ipBatch.kill();
      await exited;
    } else {
      await must(this.runner, batch);
      linksDownAt = monotonicMs();
    }
    // Anything forked between the listing and the freeze.
    const killed = [...pids];
    for (let round = 0; round < 20; round++) {
      const left = (await this.processesOf(node)).filter((p) => p !== ipBatch?.pid);
      if (left.length === 0) break;
      for (const pid of left) signal(pid, 'SIGKILL');
      killed.push(...left);
      killedAt = monotonicMs();
    }
    return { t, linksDownAt: linksDownAt!, killedAt, killed };
  }

  /** Power back: the node's interfaces up again (its processes stay dead; start its agent again). */
  async powerOn(node: LabNodeName): Promise<void> {
    await must(this.runner, linkBatch(this.names.nodes[node], 'up'));
    await this.waitLinks(node, 'up');
  }

  async cutLink(node: LabNodeName, link: LinkName): Promise<number> {
    const n = this.names.nodes[node];
    await must(this.runner, linkBatch(n, 'down', [link === 'private' ? n.privateIf : n.publicIf]));
    return monotonicMs();
  }

  async repairLink(node: LabNodeName, link: LinkName): Promise<number> {
    const n = this.names.nodes[node];
    await must(this.runner, linkBatch(n, 'up', [link === 'private' ? n.privateIf : n.publicIf]));
    return monotonicMs();
  }

  /**
   * Random loss of `percent` % of the packets both ways on a node's link: tc netem on both ends of the
   * veth where the kernel has netem, else an nftables rule in the node namespace (input and output).
   */
  async packetLoss(node: LabNodeName, link: LinkName, percent: number): Promise<LossMethod> {
    if (!(percent >= 0 && percent <= 100)) throw new RosehaError('RHA-E4005', `packet loss must be 0-100 %, not ${percent}`);
    const n = this.names.nodes[node];
    const [inner, outer] = link === 'private' ? [n.privateIf, n.switchPrivateIf] : [n.publicIf, n.switchPublicIf];
    const netem = (ns: string, dev: string) => ({ file: 'tc', args: ['-n', ns, 'qdisc', 'replace', 'dev', dev, 'root', 'netem', 'loss', `${percent}%`] });
    if (await tryRun(this.runner, netem(n.netns, inner))) {
      await must(this.runner, netem(this.names.switchNetns, outer));
      return 'netem';
    }
    // Per mille, so that 0.5 % works too; numgen's threshold must stay below its modulus.
    const perMille = Math.round(percent * 10);
    const match = perMille >= 1000 ? '' : `numgen random mod 1000 < ${perMille} `;
    const rules = `table inet roseha_lab_loss {
  chain out { type filter hook output priority 0; policy accept; oifname "${inner}" ${match}drop; }
  chain in { type filter hook input priority 0; policy accept; iifname "${inner}" ${match}drop; }
}
`;
    await tryRun(this.runner, { file: 'nft', args: ['delete', 'table', 'inet', 'roseha_lab_loss'], netns: n.netns });
    const r = await this.runner.run({ file: 'nft', args: ['-f', '-'], input: rules, netns: n.netns, timeoutMs: 10_000 });
    if (r.exitCode !== 0) {
      throw new RosehaError('RHA-E4005', `cannot emulate packet loss: this kernel has no netem qdisc and nft failed: ${r.stderr.trim()}`);
    }
    return 'nftables';
  }

  async clearPacketLoss(node: LabNodeName, link: LinkName): Promise<void> {
    const n = this.names.nodes[node];
    const [inner, outer] = link === 'private' ? [n.privateIf, n.switchPrivateIf] : [n.publicIf, n.switchPublicIf];
    await tryRun(this.runner, { file: 'tc', args: ['-n', n.netns, 'qdisc', 'del', 'dev', inner, 'root'] });
    await tryRun(this.runner, { file: 'tc', args: ['-n', this.names.switchNetns, 'qdisc', 'del', 'dev', outer, 'root'] });
    await tryRun(this.runner, { file: 'nft', args: ['delete', 'table', 'inet', 'roseha_lab_loss'], netns: n.netns });
  }

  /** SIGKILL / SIGSTOP / SIGCONT (or any signal) to the given processes at once; returns the time. */
  signal(pids: readonly number[], sig: NodeJS.Signals): number {
    const t = monotonicMs();
    for (const pid of pids) signal(pid, sig);
    return t;
  }

  /** The node loses its path to the shared disk (both the heartbeat area and the data volume); see disk.ts. */
  async diskPathLoss(node: LabNodeName): Promise<number> {
    const t = monotonicMs();
    await failDiskPath(this.runner, this.disks[node]);
    return t;
  }

  async diskPathRestore(node: LabNodeName): Promise<void> {
    await restoreDiskPath(this.runner, this.disks[node]);
  }

  private async waitLinks(node: LabNodeName, state: 'up' | 'down'): Promise<void> {
    const n = this.names.nodes[node];
    for (let i = 0; i < 500; i++) {
      const r = await must(this.runner, { file: 'ip', args: ['-n', n.netns, '-o', 'link', 'show'] });
      const lines = r.stdout.split('\n');
      const isUp = (dev: string) => lines.some((l) => new RegExp(`^\\d+: ${dev}@[^:]*: <[^>]*\\bUP\\b`).test(l));
      if (nodeInterfaces(n).every((dev) => isUp(dev) === (state === 'up'))) return;
      await new Promise((r2) => setTimeout(r2, 2));
    }
    throw new RosehaError('RHA-E4004', `lab: ${node}'s interfaces did not go ${state}`);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // ESRCH: it is gone already.
  }
}
