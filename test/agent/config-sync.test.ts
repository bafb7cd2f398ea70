// ConfigSync on its own: the text edits, the two-phase commit against a fake peer, the pull, and the
// rule that the running config is never replaced by an invalid one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSync, configHash, localSettingsOf, withGeneration, withLocalSettings, withSyncProblems, type PeerApi } from '../../src/agent/config-sync.js';
import { loadConfigOrThrow, parseConfigText } from '../../src/config/load.js';
import { RosehaError } from '../../src/errors.js';
import { ExitCode } from '../../src/exit-codes.js';
import type { EventInput } from '../../src/agent/events.js';

const base = (stateDir: string, throttle = 300) => `# the cluster's config
generation = 1
[cluster]
name = "lo"
key_file = "cluster.key"
state_dir = "${stateDir}"
[[node]]
name = "node-a"
private = "10.0.1.1"
public = "10.0.2.1"
[[node]]
name = "node-b"
private = "10.0.1.2"
public = "10.0.2.2"
[alerts]
throttle_s = ${throttle} # seconds
`;

describe('config text edits', () => {
  it('withGeneration replaces or adds the top-level generation, before any table', () => {
    expect(withGeneration(base('/s'), 7)).toMatch(/^# the cluster's config\ngeneration = 7\n\[cluster\]/);
    expect(withGeneration('[cluster]\nname = "x"\n', 3)).toBe('generation = 3\n[cluster]\nname = "x"\n');
    // A "generation" key inside a table is not the top-level one.
    expect(withGeneration('[x]\ngeneration = 1\n', 2)).toBe('generation = 2\n[x]\ngeneration = 1\n');
  });

  it('withLocalSettings keeps this node\'s state_dir and log_file, and the comments', () => {
    const theirs = base('/var/lib/a');
    const mine = withLocalSettings(theirs, { state_dir: '/var/lib/b', log_file: 'C:\\logs\\roseha.log' });
    expect(localSettingsOf(mine)).toEqual({ state_dir: '/var/lib/b', log_file: 'C:\\logs\\roseha.log' });
    expect(mine).toContain('throttle_s = 300 # seconds');
    expect(localSettingsOf(withLocalSettings(theirs, {}))).toEqual({});
    // The hash ignores exactly those settings.
    const h = (t: string) => configHash(parseConfigText(t, '/x/roseha.toml').config!);
    expect(h(mine)).toBe(h(theirs));
    expect(h(base('/s', 301))).not.toBe(h(base('/s', 300)));
  });
});

class FakePeer implements PeerApi {
  calls: Array<{ method: string; path: string; body: unknown }> = [];
  constructor(private readonly answer: (path: string, body: Record<string, unknown>) => unknown) {}
  async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    this.calls.push({ method, path, body });
    return this.answer(path, (body ?? {}) as Record<string, unknown>) as T;
  }
}

const down = () => {
  throw new RosehaError('RHA-E2090', 'cannot reach the agent', { exitCode: ExitCode.unreachable });
};

describe('ConfigSync', () => {
  let dir: string;
  let file: string;
  let events: EventInput[];
  let reloads: string[];
  const make = (peer: PeerApi | null, self = 'node-a') =>
    new ConfigSync({ config: loadConfigOrThrow(file).config, self, peer, log: { info() {}, warn() {}, error() {} }, emit: (e) => events.push(e), reload: (r) => reloads.push(r), pullEveryMs: 0 });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'roseha-sync-'));
    file = join(dir, 'roseha.toml');
    writeFileSync(file, base(join(dir, 'state')));
    writeFileSync(join(dir, 'cluster.key'), 'ab'.repeat(32));
    events = [];
    reloads = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('push: prepare then commit on the peer, rename here, generation + 1, reload', async () => {
    const peer = new FakePeer((_p, b) => (b.phase === 'prepare' ? { ok: true } : { ok: true }));
    const r = await make(peer).push({ text: base('/elsewhere', 120), by: 'test' });
    expect(r).toMatchObject({ generation: 2, peer: 'committed' });
    expect(peer.calls.map((c) => (c.body as { phase: string }).phase)).toEqual(['prepare', 'commit']);
    const written = readFileSync(file, 'utf8');
    expect(written).toMatch(/^generation = 2$/m);
    expect(written).toContain('throttle_s = 120');
    expect(localSettingsOf(written).state_dir).toBe(join(dir, 'state'));
    expect(reloads).toEqual(['config generation 2']);
    expect(events.map((e) => e.code)).toEqual(['RHA-I5240']);
    expect(readdirSync(dir).filter((f) => f.includes('pending'))).toEqual([]);
  });

  it('a peer that refuses at prepare leaves both nodes as they were (RHA-E5244)', async () => {
    const before = readFileSync(file, 'utf8');
    const peer = new FakePeer((_p, b) => {
      if (b.phase === 'prepare') throw new RosehaError('RHA-E5243', 'invalid there', { exitCode: ExitCode.usage });
      return { ok: true };
    });
    await expect(make(peer).push({ text: base('/x', 5), by: 't' })).rejects.toMatchObject({ code: 'RHA-E5244' });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('pending'))).toEqual([]);
    expect(reloads).toEqual([]);
  });

  it('an unreachable peer: committed here only (it pulls later)', async () => {
    const r = await make(new FakePeer(down)).push({ text: base('/x', 9), by: 't' });
    expect(r.peer).toBe('unreachable');
    expect(readFileSync(file, 'utf8')).toMatch(/^generation = 2$/m);
  });

  it('an invalid config, or one without this node, never replaces the running one', async () => {
    const before = readFileSync(file, 'utf8');
    const s = make(null);
    await expect(s.push({ text: base('/x').replace('10.0.1.2', 'not-an-ip'), by: 't' })).rejects.toMatchObject({ code: 'RHA-E5243' });
    await expect(s.push({ text: base('/x').replace(/node-a/g, 'node-c'), by: 't' })).rejects.toMatchObject({ code: 'RHA-E5243', message: expect.stringContaining('node-a') });
    expect(() => s.prepare({ txid: '0123456789abcdef', text: 'not toml [', generation: 5, from: 'node-b' })).toThrow(/invalid/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('prepare refuses a generation not newer than its own, unless forced; commit needs a prepare', () => {
    const s = make(null, 'node-b');
    expect(() => s.prepare({ txid: '0123456789abcdef', text: base('/x'), generation: 1, from: 'node-a' })).toThrow(expect.objectContaining({ code: 'RHA-E5249' }));
    expect(() => s.commit({ txid: 'ffffffffffffffff' })).toThrow(expect.objectContaining({ code: 'RHA-E5248' }));
    expect(s.prepare({ txid: '0123456789abcdef', text: base('/x', 7), generation: 1, force: true, from: 'node-a' })).toMatchObject({ ok: true });
    s.commit({ txid: '0123456789abcdef' });
    expect(readFileSync(file, 'utf8')).toContain('throttle_s = 7');
  });

  it('same generation, another hash: a conflict in status, pushes refused until --force', async () => {
    const s = make(new FakePeer(down));
    s.onPeerSummary({ configGeneration: 1, configHash: 'ffffffffffffffff' });
    expect(events.map((e) => e.code)).toEqual(['RHA-E5241']);
    const report = withSyncProblems({ problems: [] as Array<{ code: string; message: string }>, degraded: false }, s);
    expect(report).toMatchObject({ degraded: true, problems: [{ code: 'RHA-E5241' }] });
    await expect(s.push({ text: base('/x', 1), by: 't' })).rejects.toMatchObject({ code: 'RHA-E5242' });
    expect((await s.push({ text: base('/x', 1), force: true, by: 't' })).generation).toBe(2);
  });

  it('a newer generation on the peer is pulled, checked against its hash, and installed', async () => {
    const theirs = withGeneration(base('/peer/state', 42), 5);
    const hash = configHash(parseConfigText(theirs, file).config!);
    const peer = new FakePeer(() => ({ node: 'node-b', generation: 5, hash, text: theirs }));
    const s = make(peer);
    s.onPeerSummary({ configGeneration: 5, configHash: hash });
    await new Promise((r) => setTimeout(r, 20));
    const now = readFileSync(file, 'utf8');
    expect(now).toContain('throttle_s = 42');
    expect(localSettingsOf(now).state_dir).toBe(join(dir, 'state'));
    expect(events.map((e) => e.code)).toEqual(['RHA-I5247']);
  });

  it('a pulled config that does not validate is not installed', async () => {
    const before = readFileSync(file, 'utf8');
    const peer = new FakePeer(() => ({ node: 'node-b', generation: 5, hash: 'x', text: 'generation = 5\n[cluster]\nname = "lo"\n' }));
    make(peer).onPeerSummary({ configGeneration: 5, configHash: 'x' });
    await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(reloads).toEqual([]);
  });
});

describe('ConfigSync start', () => {
  it('drops temp files a previous worker prepared and never committed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-sync-stale-'));
    try {
      const file = join(dir, 'roseha.toml');
      writeFileSync(file, base(join(dir, 'state')));
      writeFileSync(join(dir, '.roseha.toml.pending-0123456789abcdef'), 'half');
      writeFileSync(join(dir, 'other.txt'), 'kept');
      new ConfigSync({ config: loadConfigOrThrow(file).config, self: 'node-a', peer: null, log: { info() {}, warn() {}, error() {} }, emit: () => undefined, reload: () => undefined });
      expect(readdirSync(dir).sort()).toEqual(['other.txt', 'roseha.toml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ConfigSync dry run', () => {
  it('asks the peer to validate without writing; its refusal is RHA-E5244', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'roseha-sync-dry-'));
    try {
      const file = join(dir, 'roseha.toml');
      writeFileSync(file, base(join(dir, 'state')));
      const before = readFileSync(file, 'utf8');
      const calls: unknown[] = [];
      const make = (refuse: boolean) =>
        new ConfigSync({
          config: loadConfigOrThrow(file).config,
          self: 'node-a',
          peer: new FakePeer((_p, b) => {
            calls.push(b);
            if (refuse) throw new RosehaError('RHA-E5249', 'newer there', { exitCode: ExitCode.refused });
            return { ok: true };
          }),
          log: { info() {}, warn() {}, error() {} },
          emit: () => undefined,
          reload: () => undefined,
        });
      expect((await make(false).push({ text: base('/x', 3), dryRun: true, by: 't' })).message).toContain('valid on the peer too');
      expect(calls[0]).toMatchObject({ phase: 'prepare', dryRun: true, generation: 2 });
      await expect(make(true).push({ text: base('/x', 3), dryRun: true, by: 't' })).rejects.toMatchObject({ code: 'RHA-E5244' });
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(readdirSync(dir)).toEqual(['roseha.toml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
