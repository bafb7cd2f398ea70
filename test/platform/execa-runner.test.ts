import { describe, it, expect, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecaRunner, argvFor } from '../../src/platform/execa-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'rha-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const runner = createExecaRunner({ maxOutputBytes: 1000 });

describe('execa runner', () => {
  it('runs an argument vector without a shell: metacharacters stay data', async () => {
    const r = await runner.run({ file: 'printf', args: ['%s|', '$(echo pwned)', 'a;b', "'q'"] });
    expect(r).toMatchObject({ exitCode: 0, stdout: "$(echo pwned)|a;b|'q'|", timedOut: false });
  });

  it('reports a non-zero exit as a result, with stderr, env and cwd applied', async () => {
    const r = await runner.run({ file: 'sh', args: ['-c', 'pwd; echo "$RHA_X" >&2; exit 7'], env: { RHA_X: 'from-env' }, cwd: dir });
    expect(r.exitCode).toBe(7);
    expect(r.stdout.trim()).toBe(dir);
    expect(r.stderr.trim()).toBe('from-env');
  });

  it('passes input on stdin', async () => {
    expect((await runner.run({ file: 'cat', args: [], input: 'abc' })).stdout).toBe('abc');
  });

  it('gives 127 and a message when the program does not exist', async () => {
    const r = await runner.run({ file: join(dir, 'no-such-program'), args: [] });
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toMatch(/ENOENT|no-such-program/);
  });

  it('kills the whole process tree on timeout and says timedOut', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const t0 = Date.now();
    const r = await runner.run({ file: 'sh', args: ['-c', `sleep 30 & echo $! > ${pidFile}; wait`], timeoutMs: 300 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).not.toBe(0);
    expect(Date.now() - t0).toBeLessThan(3000);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 100));
    // startTime is null for a gone process and for a zombie that nobody reaped yet (init in a container).
    expect(await runner.host!.startTime(grandchild)).toBeNull();
  });

  it('does not wait for a background child that keeps the output pipe open', async () => {
    const t0 = Date.now();
    const r = await runner.run({ file: 'sh', args: ['-c', 'sleep 5 & echo started; exit 0'], timeoutMs: 10_000 });
    expect(r).toMatchObject({ exitCode: 0, stdout: 'started\n', timedOut: false });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('caps output instead of failing', async () => {
    const r = await runner.run({ file: 'sh', args: ['-c', 'i=0; while [ $i -lt 500 ]; do echo 0123456789; i=$((i+1)); done'] });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith('0123456789\n')).toBe(true);
    expect(r.stdout).toContain('[output truncated by roseha]');
    expect(r.stdout.length).toBeLessThan(1100);
  });

  it('builds `ip netns exec` argv for a namespace', () => {
    expect(argvFor({ file: 'ip', args: ['addr'], netns: 'rha-a' })).toEqual(['ip', ['netns', 'exec', 'rha-a', 'ip', 'addr']]);
  });

  it('spawns a detached process in its own session, output to a log file, outliving the call', async () => {
    const log = join(dir, 'logs', 'detached.log');
    const { pid } = await runner.spawnDetached({ file: 'sh', args: ['-c', 'echo "sid=$(ps -o sid= -p $$ | tr -d " ") env=$RHA_Y cwd=$(pwd)"; exec sleep 30'], env: { RHA_Y: 'y' }, cwd: dir, logFile: log });
    try {
      expect(await runner.host!.startTime(pid)).toMatch(/^\d+$/);
      await new Promise((res) => setTimeout(res, 300));
      const text = readFileSync(log, 'utf8');
      expect(text).toContain(`sid=${pid} `); // a session leader: sid == pid
      expect(text).toContain('env=y');
      expect(text).toContain(`cwd=${dir}`);
    } finally {
      process.kill(-pid, 'SIGKILL');
    }
  });

  it('rejects when a detached program cannot start', async () => {
    await expect(runner.spawnDetached({ file: join(dir, 'missing'), args: [] })).rejects.toThrow(/ENOENT/);
  });
});

describe('execa runner: armed commands', () => {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const waitGone = async (pid: number) => {
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 10));
    return !alive(pid);
  };

  it('runs an equal command in the process forked ahead (same pid), once; timeouts do not matter', async () => {
    const r = createExecaRunner();
    const spec = { file: 'sh', args: ['-c', 'echo $$'], timeoutMs: 5000 };
    r.keepArmed!({ run: [spec], detached: [] });
    const [pid] = r.armedPids!();
    expect(pid).toBeGreaterThan(0);
    const res = await r.run({ ...spec, timeoutMs: 1000 });
    expect(res).toMatchObject({ exitCode: 0, timedOut: false });
    expect(Number(res.stdout.trim())).toBe(pid);
    expect(r.armedPids!()).toEqual([]);
    // Used up: the next run forks anew.
    expect(Number((await r.run(spec)).stdout.trim())).not.toBe(pid);
  });

  it('a command fed input starts cold even when the same argv is armed (the input is not lost)', async () => {
    const r = createExecaRunner();
    r.keepArmed!({ run: [{ file: 'cat', args: [] }], detached: [] });
    const [pid] = r.armedPids!();
    expect((await r.run({ file: 'cat', args: [], input: 'abc' })).stdout).toBe('abc');
    expect(r.armedPids!()).toEqual([pid]);
  });

  it('keeps user values as data: the armed shell never parses them', async () => {
    const r = createExecaRunner();
    const spec = { file: 'printf', args: ['%s|', '$(echo pwned)', '`id`', 'a;b', '"$@"'] };
    r.keepArmed!({ run: [spec], detached: [] });
    expect((await r.run(spec)).stdout).toBe('$(echo pwned)|`id`|a;b|"$@"|');
  });

  it('does not stand in for another command, and kills what is no longer wanted', async () => {
    const r = createExecaRunner();
    const a = { file: 'sh', args: ['-c', 'echo $$'] };
    r.keepArmed!({ run: [a], detached: [] });
    const [pid] = r.armedPids!();
    expect(Number((await r.run({ file: 'sh', args: ['-c', 'echo $$', 'x'] })).stdout.trim())).not.toBe(pid);
    expect(r.armedPids!()).toEqual([pid]);
    r.keepArmed!({ run: [], detached: [] });
    expect(await waitGone(pid!)).toBe(true);
  });

  it('a detached process armed ahead keeps its pid when fired, outlives the run, and writes its log', async () => {
    const r = createExecaRunner();
    const log = join(dir, 'armed-detached.log');
    const spec = { file: 'sh', args: ['-c', 'echo "up $$"; sleep 30'], logFile: log };
    r.keepArmed!({ run: [], detached: [spec] });
    const [armedPid] = r.armedPids!();
    const { pid } = await r.spawnDetached(spec);
    expect(pid).toBe(armedPid);
    const text = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
    for (let i = 0; i < 100 && !text().includes('up'); i++) await new Promise((res) => setTimeout(res, 10));
    expect(readFileSync(log, 'utf8').trim()).toBe(`up ${pid}`);
    expect(r.armedPids!()).toEqual([]);
    process.kill(-pid, 'SIGKILL');
    expect(await waitGone(pid)).toBe(true);
  });

  it('a program that waits for "go" itself: armed, it runs ahead as itself and hears go when fired; cold, at once', async () => {
    const r = createExecaRunner();
    const program = (name: string) => ({ file: 'sh', args: ['-c', `echo "started $$" >>${join(dir, name)}; read -r w; echo "heard $w" >>${join(dir, name)}`], goOnStdin: true });
    const text = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : '');
    const until = async (name: string, what: string) => {
      for (let i = 0; i < 200 && !text(name).includes(what); i++) await new Promise((res) => setTimeout(res, 10));
    };
    r.keepArmed!({ run: [], detached: [program('armed.log')] });
    const [armedPid] = r.armedPids!();
    await until('armed.log', 'started');
    expect(text('armed.log')).toBe(`started ${armedPid}\n`); // itself, no shell in front: it waits, nothing heard yet
    const { pid } = await r.spawnDetached(program('armed.log'));
    expect(pid).toBe(armedPid);
    await until('armed.log', 'heard');
    expect(text('armed.log')).toBe(`started ${pid}\nheard go\n`);
    const cold = await r.spawnDetached(program('cold.log'));
    await until('cold.log', 'heard');
    expect(text('cold.log')).toBe(`started ${cold.pid}\nheard go\n`);
  });

  it('an armed command that cannot exist still reports 127; its timeout counts from the run', async () => {
    const r = createExecaRunner();
    const missing = { file: join(dir, 'no-such-program'), args: [] };
    const slow = { file: 'sleep', args: ['5'], timeoutMs: 200 };
    r.keepArmed!({ run: [missing, slow], detached: [] });
    expect(r.armedPids!()).toHaveLength(1); // one fork per call: a burst would stall the heartbeats
    r.keepArmed!({ run: [missing, slow], detached: [] });
    expect(r.armedPids!()).toHaveLength(2);
    await new Promise((res) => setTimeout(res, 300)); // longer than the timeout: it must not run yet
    expect((await r.run(missing)).exitCode).toBe(127);
    const res = await r.run(slow);
    expect(res.timedOut).toBe(true);
    expect(res.durationMs).toBeGreaterThanOrEqual(190);
  });
});
