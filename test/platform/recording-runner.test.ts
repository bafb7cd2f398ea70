import { describe, it, expect } from 'vitest';
import { DryRunRunner, RecordingRunner } from '../../src/platform/recording-runner.js';
import { inNetns } from '../../src/platform/netns.js';

describe('RecordingRunner', () => {
  it('answers stubs in order and records argv', async () => {
    const rec = new RecordingRunner().stub(['echo', 'a'], { stdout: 'first' }).stub(['echo', 'a'], { stdout: 'second' });
    expect((await rec.run({ file: 'echo', args: ['a'] })).stdout).toBe('first');
    expect((await rec.run({ file: 'echo', args: ['a'] })).stdout).toBe('second');
    expect(rec.argvs).toEqual([['echo', 'a'], ['echo', 'a']]);
    rec.verify();
  });

  it('fails on a command that was not stubbed, and verify() says so too', async () => {
    const rec = new RecordingRunner();
    await expect(rec.run({ file: 'rm', args: ['-rf', '/x'] })).rejects.toThrow('unexpected command: rm -rf /x');
    expect(() => rec.verify()).toThrow(/unexpected command: rm -rf \/x/);
  });

  it('verify() reports stubs never used', async () => {
    const rec = new RecordingRunner().stub(/^ip addr/).always(['true']).stubSpawn(['sleep', '1'], { pid: 3 });
    await rec.run({ file: 'true', args: [] });
    expect(() => rec.verify()).toThrow(/stub never used: \/\^ip addr\/[\s\S]*detached stub never used: sleep 1/);
  });
});

describe('DryRunRunner', () => {
  it('answers queries from the assumed world and actions with their dry-run answer or exit 0', async () => {
    const q = { file: 'findmnt', args: ['/x'], query: { absent: { exitCode: 1 }, present: { exitCode: 0, stdout: 'yes' } } };
    const dry = new DryRunRunner('absent');
    expect((await dry.run(q)).exitCode).toBe(1);
    dry.world = 'present';
    expect(await dry.run(q)).toMatchObject({ exitCode: 0, stdout: 'yes' });
    expect((await dry.run({ file: 'ps.exe', args: [], dryRunAnswer: { exitCode: 0, stdout: '{"ok":true}' } })).stdout).toBe('{"ok":true}');
    expect(await dry.run({ file: 'mount', args: ['/dev/x', '/x'] })).toMatchObject({ exitCode: 0, stdout: '' });
    expect(dry.lines()).toEqual(['ps.exe', 'mount /dev/x /x']);
    expect(dry.lines({ queries: true })).toHaveLength(4);
  });
});

describe('inNetns', () => {
  it('puts every command and detached start inside the namespace', async () => {
    const rec = new RecordingRunner().stub((s) => s.file === 'ip' && s.netns === 'rha-t').stubSpawn(['ip', 'netns', 'exec', 'rha-t', 'sleep', '9'], { pid: 5 });
    const ns = inNetns(rec, 'rha-t');
    await ns.run({ file: 'ip', args: ['addr'] });
    await ns.spawnDetached({ file: 'sleep', args: ['9'] });
    expect(ns.host).toBe(rec.host);
    rec.verify();
  });
});
