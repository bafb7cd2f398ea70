// Set-up for the Linux driver tests that act for real (as root): a network namespace with a veth
// pair, a loop device with ext4, a state directory. Everything is undone in cleanup(), which the
// tests call from afterAll so that a failed test leaves no namespace, mount or loop device behind.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createExecaRunner } from '../../../src/platform/execa-runner.js';
import { inNetns } from '../../../src/platform/netns.js';
import type { CommandSpec, Runner } from '../../../src/platform/types.js';

export const real = createExecaRunner();
export const fixtures = resolve(import.meta.dirname, '../../fixtures');

async function sh(file: string, ...args: string[]) {
  return real.run({ file, args, timeoutMs: 20_000 });
}

/** Why the real tests cannot run here, or null when they can. */
export async function whyNot(needs: { netns?: boolean; loop?: boolean }): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'not root (CI runs these as root)';
  if (needs.netns) {
    const probe = `rha-probe-${process.pid}`;
    const r = await sh('ip', 'netns', 'add', probe);
    if (r.exitCode !== 0) return `cannot create a network namespace: ${r.stderr.trim()}`;
    await sh('ip', 'netns', 'del', probe);
  }
  if (needs.loop) {
    for (const tool of ['losetup', 'mkfs.ext4', 'findmnt', 'blockdev']) {
      if ((await sh('sh', '-c', `command -v ${tool}`)).exitCode !== 0) return `${tool} is missing (Debian: util-linux, e2fsprogs)`;
    }
    if (!existsSync('/dev/loop-control')) return 'no /dev/loop-control (loop devices unavailable)';
  }
  return null;
}

export function skipNotice(suite: string, reason: string | null): boolean {
  if (reason) console.warn(`SKIPPED ${suite}: ${reason}`);
  return reason !== null;
}

export class Lab {
  readonly dir = mkdtempSync(join(tmpdir(), 'rha-real-'));
  readonly stateDir = join(this.dir, 'state');
  netns?: string;
  loop?: string;
  mountPoint?: string;
  private image?: string;

  /** A namespace with veth rha0 <-> rha1, both up; rha0 carries 192.0.2.1/24 (TEST-NET-1). */
  async makeNetns(): Promise<string> {
    const ns = `rha-test-${process.pid}-${Math.floor(Math.random() * 1e6)}`;
    await must('ip', 'netns', 'add', ns);
    this.netns = ns;
    await must('ip', '-n', ns, 'link', 'add', 'rha0', 'type', 'veth', 'peer', 'name', 'rha1');
    await must('ip', '-n', ns, 'link', 'set', 'lo', 'up');
    await must('ip', '-n', ns, 'link', 'set', 'rha1', 'up');
    await must('ip', '-n', ns, 'link', 'set', 'rha0', 'up');
    await must('ip', '-n', ns, 'addr', 'add', '192.0.2.1/24', 'dev', 'rha0');
    return ns;
  }

  /** A 32 MiB file with ext4 on a loop device, and an empty mount point. */
  async makeLoop(): Promise<{ device: string; mountPoint: string }> {
    this.image = join(this.dir, 'disk.img');
    await must('truncate', '-s', '32M', this.image);
    await must('mkfs.ext4', '-q', '-F', this.image);
    this.loop = (await must('losetup', '-f', '--show', this.image)).stdout.trim();
    // The read-only flag outlives detach and re-attach of a loop device: start read-write.
    await must('blockdev', '--setrw', this.loop);
    this.mountPoint = join(this.dir, 'mnt');
    await must('mkdir', '-p', this.mountPoint);
    return { device: this.loop, mountPoint: this.mountPoint };
  }

  /** Undo everything; each step on its own so that one failure does not leave the rest. */
  async cleanup(): Promise<void> {
    if (this.mountPoint) {
      for (let i = 0; i < 3 && (await sh('findmnt', '--mountpoint', this.mountPoint)).exitCode === 0; i++) {
        await sh('umount', '-l', this.mountPoint);
      }
    }
    if (this.loop) {
      // Leave the device read-write for whoever attaches it next (the volume driver set it read-only).
      await sh('blockdev', '--setrw', this.loop);
      await sh('losetup', '-d', this.loop);
    }
    if (this.netns) {
      // Processes left in the namespace would keep it alive.
      await sh('sh', '-c', `ip netns pids ${this.netns} | xargs -r kill -9`);
      await sh('ip', 'netns', 'del', this.netns);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function must(file: string, ...args: string[]) {
  const r = await sh(file, ...args);
  if (r.exitCode !== 0) throw new Error(`${file} ${args.join(' ')}: exit ${r.exitCode}: ${r.stderr.trim()}`);
  return r;
}

/**
 * Commands of the ip driver (ip, its ARP sender perl or arping) go into the namespace, everything else stays in the host's
 * mount namespace: `ip netns exec` gives each command a private mount namespace, so a mount made
 * through it would vanish. (In the lab the whole agent runs inside its namespace instead.)
 */
export function netCommandsIn(runner: Runner, netns: string): Runner {
  const isNet = (file: string) => file === 'ip' || file === 'perl' || file === 'arping';
  const inside = inNetns(runner, netns);
  return {
    readText: (read) => (read.path.startsWith('/sys/class/net/') ? inside : runner).readText!(read),
    ...(runner.realPath ? { realPath: runner.realPath } : {}),
    run: (spec: CommandSpec) => runner.run(isNet(spec.file) ? { ...spec, netns } : spec),
    spawnDetached: (spec) => runner.spawnDetached(isNet(spec.file) ? { ...spec, file: 'ip', args: ['netns', 'exec', netns, spec.file, ...spec.args] } : spec),
    ...(runner.host ? { host: runner.host } : {}),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export { sh };
