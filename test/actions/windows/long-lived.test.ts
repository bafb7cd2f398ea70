// The probe worker and the disk-heartbeat helper: their scripts parse, their spawn command is the
// fixed one, and the Node side speaks the line-JSON protocol (against a fake child process).
import { describe, expect, it } from 'vitest';
import type { InteractiveProcess, InteractiveSpec, Runner } from '../../../src/platform/types.js';
import { PowerShellWorker, workerCommand } from '../../../src/actions/windows/powershell/worker.js';
import { WindowsDiskIo, diskIoHelperCommand } from '../../../src/actions/windows/diskio.js';
import { createWindowsDrivers } from '../../../src/actions/windows/index.js';
import { serviceStatus } from '../../../src/actions/windows/scripts/index.js';
import { serviceStatusData } from '../../../src/actions/windows/parsers.js';
import { quoteWindowsArg, windowsCommandLine } from '../../../src/actions/windows/cmdline.js';
import { decodedText, isScript, ok } from './helpers.js';
import { powershellSyntaxProblems } from './ps-syntax.js';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';

/** A child that answers each request line with whatever `answer` returns (or stays silent). */
function fakeChild(answer: (req: Record<string, unknown>) => unknown | undefined) {
  const spawned: InteractiveSpec[] = [];
  const requests: Array<Record<string, unknown>> = [];
  let kills = 0;
  const spawnInteractive = (spec: InteractiveSpec): InteractiveProcess => {
    spawned.push(spec);
    let line: (l: string) => void = () => undefined;
    let exit: (c: number | null) => void = () => undefined;
    return {
      pid: 100 + spawned.length,
      write(text) {
        const req = JSON.parse(text) as Record<string, unknown>;
        requests.push(req);
        const reply = answer(req);
        if (reply === 'exit') setTimeout(() => exit(1), 0);
        else if (reply !== undefined) setTimeout(() => line(`noise from a cmdlet\r`), 0), setTimeout(() => line(JSON.stringify({ id: req.id, ...(reply as object) })), 0);
      },
      onLine: (l) => void (line = l),
      onStderr: () => undefined,
      onExit: (e) => void (exit = e),
      kill: () => void kills++,
    };
  };
  const runner: Runner = { run: async () => { throw new Error('no per-call commands expected'); }, spawnDetached: async () => ({ pid: 0 }), spawnInteractive };
  return { runner, spawned, requests, kills: () => kills };
}

describe('scripts of the long-lived processes parse', () => {
  it('probe worker', async () => expect(await powershellSyntaxProblems(decodedText(workerCommand()))).toEqual([]));
  it('disk I/O helper (C# inside a here-string)', async () => expect(await powershellSyntaxProblems(decodedText(diskIoHelperCommand()))).toEqual([]));
  it('both fit in a Windows command line', () => {
    for (const spec of [workerCommand(), diskIoHelperCommand()]) expect(['powershell.exe', ...spec.args].join(' ').length).toBeLessThan(32_767);
  });
});

describe('PowerShellWorker', () => {
  it('sends {id, op, args}, matches the answer by id and ignores noise', async () => {
    const f = fakeChild(() => ({ ok: true, data: { name: 'Spooler', service: { Name: 'Spooler', DisplayName: 'Print Spooler', Status: 4, StartType: 2 } } }));
    const w = new PowerShellWorker(f.runner);
    const s = await w.call(serviceStatus, { name: 'Spooler' }, serviceStatusData, 1000);
    expect(s.service?.Status).toBe('Running');
    expect(f.requests).toEqual([{ id: '1', op: 'service-status', args: { name: 'Spooler' } }]);
    expect(f.spawned[0]!.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(decodedText(f.spawned[0]!)).toMatch(/^# roseha-script: probe-worker/);
  });
  it('a silent worker is killed at the timeout and restarted for the next request', async () => {
    let n = 0;
    const f = fakeChild(() => (n++ === 0 ? undefined : { ok: true, data: { name: 'x', service: null } }));
    const w = new PowerShellWorker(f.runner);
    await expect(w.call(serviceStatus, { name: 'x' }, serviceStatusData, 30)).rejects.toMatchObject({ code: 'RHA-E3505' });
    expect(f.kills()).toBe(1);
    expect((await w.call(serviceStatus, { name: 'x' }, serviceStatusData, 1000)).service).toBeNull();
    expect(f.spawned).toHaveLength(2);
  });
  it('monitors fall back to one powershell.exe when the worker dies', async () => {
    const f = fakeChild(() => 'exit');
    const r = new RecordingRunner().stub(isScript('service-status'), ok({ name: 'x', service: null }));
    const runner = Object.assign(r, { spawnInteractive: f.runner.spawnInteractive });
    const drivers = createWindowsDrivers({ worker: new PowerShellWorker(runner) });
    const res = await drivers.service.monitor({ name: 's', type: 'service', service: 'x', monitor_interval_ms: 1, monitor_timeout_ms: 1, start_timeout_ms: 1, stop_timeout_ms: 1 }, { runner, platform: 'windows', timeoutMs: 1000, stateDir: 'C:\\s' });
    expect(res.status).toBe('failed');
    r.verify();
  });
});

describe('WindowsDiskIo', () => {
  it('open, write (padded to a slot), read, close over line-JSON with base64 data', async () => {
    const store = new Map<number, string>();
    const f = fakeChild((req) => {
      if (req.op === 'open') return { ok: true, data: { sectorSize: 512 } };
      if (req.op === 'write') return store.set(req.offset as number, req.data as string), { ok: true, data: { written: Buffer.from(req.data as string, 'base64').length } };
      if (req.op === 'read') return { ok: true, data: { data: store.get(req.offset as number) } };
      return { ok: true, data: { closed: true } };
    });
    const io = new WindowsDiskIo(f.runner, '\\\\.\\PhysicalDrive2');
    await io.open();
    expect(io.mode()).toBe('windows-unbuffered/512');
    await io.write(8192, Buffer.from('hello'));
    const back = await io.read(8192, 4096);
    expect(back.subarray(0, 5).toString()).toBe('hello');
    expect(back.length).toBe(4096);
    await io.close();
    expect(f.requests.map((r) => r.op)).toEqual(['open', 'write', 'read', 'close']);
    expect(f.requests[0]).toEqual({ id: '1', op: 'open', path: '\\\\.\\PhysicalDrive2' });
  });
  it('errors carry codes: open failure, unaligned I/O, a hung device', async () => {
    const f = fakeChild((req) => (req.op === 'open' ? { ok: false, reason: '', error: 'Access is denied', win32: 5 } : undefined));
    const io = new WindowsDiskIo(f.runner, '\\\\.\\PhysicalDrive9', { timeoutMs: 30 });
    await expect(io.open()).rejects.toMatchObject({ code: 'RHA-E3560' });
    await expect(io.read(100, 4096)).rejects.toMatchObject({ code: 'RHA-E3562' });
    await expect(io.read(0, 4096)).rejects.toMatchObject({ code: 'RHA-E3563' });
  });
});

describe('Windows command-line quoting (MSVCRT rules)', () => {
  // CommandLineToArgvW's rules, to check the round trip.
  function parse(line: string): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < line.length) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i >= line.length) break;
      let cur = '';
      let quoted = false;
      for (; i < line.length; i++) {
        const c = line[i]!;
        if (c === '\\') {
          let n = 0;
          while (line[i] === '\\') n++, i++;
          if (line[i] === '"') {
            cur += '\\'.repeat(Math.floor(n / 2));
            if (n % 2 === 1) cur += '"';
            else quoted = !quoted;
          } else {
            cur += '\\'.repeat(n);
            i--;
          }
        } else if (c === '"') quoted = !quoted;
        else if ((c === ' ' || c === '\t') && !quoted) break;
        else cur += c;
      }
      out.push(cur);
    }
    return out;
  }
  it('round-trips awkward arguments', () => {
    const args = ['plain', '', 'a b', 'say "hi"', 'C:\\dir\\', 'C:\\dir with space\\', '\\\\"', '"; shutdown /s', "a'; Remove-Item -Recurse C:\\ #", '$(calc)'];
    expect(parse(args.map(quoteWindowsArg).join(' '))).toEqual(args);
    expect(windowsCommandLine(['C:\\Program Files\\x.exe', 'a b'])).toBe('"C:\\Program Files\\x.exe" "a b"');
  });
});
