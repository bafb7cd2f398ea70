// The worker reads the peer's disk slot a moment after each new peer beat heard on a network link:
// that is when the peer has just written it, so the last write before a power loss is seen at once.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { Worker, type LinksPort } from '../../src/agent/worker.js';
import type { GroupExecutor } from '../../src/actions/executor.js';
import type { HeartbeatEvent } from '../../src/agent/links/types.js';
import { summary } from './links/helpers.js';

class FakeLinks extends EventEmitter implements LinksPort {
  readonly peer = 'node-b';
  diskReads = 0;
  async start() {}
  async stop() {}
  send() {}
  pollDisk() {
    this.diskReads++;
  }
  counters() {
    return {} as ReturnType<LinksPort['counters']>;
  }
  storageOk() {
    return true;
  }
  async checkGateway() {
    return { ok: true, output: '' };
  }
  beat(link: HeartbeatEvent['link'], seq: number) {
    const s = summary('node-b', { seq, groups: {} });
    this.emit('heartbeat', { link, summary: s, receivedAt: performance.now(), header: {} as HeartbeatEvent['header'] });
  }
}

const executor = { watch() {}, unwatch() {}, watching: () => [], failures: () => [], clearFailures() {}, keepArmed() {} } as unknown as GroupExecutor;
const quiet = { info() {}, warn() {}, error() {} };

let dir: string;
let worker: Worker | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'roseha-worker-'));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(async () => {
  await worker?.stop({ handOver: false });
  worker = undefined;
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

function start(links: FakeLinks) {
  const text = `[cluster]\nname = "t"\nkey_file = "k"\nstate_dir = ${JSON.stringify(dir)}\n[timing]\nprofile = "fast"\n[[node]]\nname = "node-a"\nprivate = "10.0.0.1"\npublic = "10.1.0.1"\n[[node]]\nname = "node-b"\nprivate = "10.0.0.2"\npublic = "10.1.0.2"\n[heartbeat]\ndisk = "/dev/null"\n`;
  const { config, problems } = parseConfigText(text, join(dir, 'roseha.toml'));
  if (!config) throw new Error(JSON.stringify(problems));
  worker = new Worker({ config, self: 'node-a', incarnation: 'inc-a', links, executor, log: quiet, adopt: null });
  return worker.start();
}

describe('disk slot read after a peer beat', () => {
  it('reads once per new beat, a few ms after it arrives on a network link (fast: 5 ms)', async () => {
    const links = new FakeLinks();
    await start(links);
    links.beat('private', 1);
    links.beat('public', 1); // the same beat on the second link: no second read
    expect(links.diskReads).toBe(0);
    await vi.advanceTimersByTimeAsync(5);
    expect(links.diskReads).toBe(1);
    links.beat('public', 2);
    await vi.advanceTimersByTimeAsync(5);
    expect(links.diskReads).toBe(2);
  });

  it('a beat read from the disk itself starts no read', async () => {
    const links = new FakeLinks();
    await start(links);
    links.beat('disk', 1);
    await vi.advanceTimersByTimeAsync(5);
    expect(links.diskReads).toBe(0);
  });
});
