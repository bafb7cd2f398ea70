// Golden tests: the exact command (file, flags, decoded script) and the exact ROSEHA_ARGS JSON of
// every Windows driver operation.
import { describe, expect, it } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import type { ResourceConfig } from '../../../src/config/schema.js';
import { windowsDrivers } from '../../../src/actions/windows/index.js';
import * as scripts from '../../../src/actions/windows/scripts/index.js';
import { maxCommandLine } from '../../../src/actions/windows/powershell/host.js';
import { ctxFor, decodedText, isScript, ok, scriptName } from './helpers.js';

type Of<T extends ResourceConfig['type']> = Extract<ResourceConfig, { type: T }>;
const common = { monitor_interval_ms: 2000, monitor_timeout_ms: 10_000, start_timeout_ms: 60_000, stop_timeout_ms: 60_000 };
const volume: Of<'volume'> = { ...common, name: 'erp-data', type: 'volume', disk: '6000c29f3b5e0001', mount: 'E:', fstype: 'auto' };
const ip: Of<'ip'> = { ...common, name: 'erp-ip', type: 'ip', address: '10.0.0.100/24', interface: 'Ethernet 2' };
const service: Of<'service'> = { ...common, name: 'erp-db', type: 'service', service: 'MSSQLSERVER' };
const proc: Of<'process'> = { ...common, name: 'erp-app', type: 'process', command: ['C:\\Program Files\\ERP\\erp.exe', '--port', '8080', 'a b'], cwd: 'C:\\ERP', env: { ERP_MODE: 'ha' }, stop_grace_ms: 10_000 };

const psFlags = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand'];

function expectPs(spec: { file: string; args: readonly string[]; env?: Readonly<Record<string, string>>; timeoutMs?: number }, name: string, rosehaArgs: string, timeoutMs: number) {
  expect(spec.file).toBe('powershell.exe');
  expect(spec.args.slice(0, 5)).toEqual(psFlags);
  expect(spec.args).toHaveLength(6);
  expect(scriptName(spec)).toBe(name);
  expect(decodedText(spec)).toBe(Object.values(scripts).flat().find((s) => 'name' in s && s.name === name && 'text' in s)!.text);
  expect(spec.env).toEqual({ ROSEHA_ARGS: rosehaArgs });
  expect(spec.timeoutMs).toBe(timeoutMs);
  // Windows caps a command line at 32,767 characters.
  expect(['powershell.exe', ...spec.args].join(' ').length).toBeLessThan(maxCommandLine);
}

describe('volume', () => {
  it('start: disk-online by UniqueId, with the inner wait budget', async () => {
    const r = new RecordingRunner().stub(isScript('disk-online'), ok({ number: 2, isOffline: false, isReadOnly: false, driveLetter: 'E', fileSystem: 'NTFS', healthStatus: 'Healthy', letterAssigned: false, waitedMs: 900 }));
    await windowsDrivers.volume.start(volume, ctxFor(r));
    r.verify();
    expectPs(r.calls[0]!, 'disk-online', '{"uniqueId":"6000c29f3b5e0001","driveLetter":"E","waitMs":55000}', 60_000);
  });
  it('stop: disk-offline, read-only set', async () => {
    const r = new RecordingRunner().stub(isScript('disk-offline'), ok({ found: true, flushed: 1, isOffline: true, isReadOnly: true }));
    await windowsDrivers.volume.stop(volume, ctxFor(r));
    r.verify();
    expectPs(r.calls[0]!, 'disk-offline', '{"uniqueId":"6000c29f3b5e0001","setReadOnly":true}', 60_000);
  });
  it('monitor: disk-status', async () => {
    const r = new RecordingRunner().stub(isScript('disk-status'), ok({ disk: { Number: 2, UniqueId: '6000c29f3b5e0001', IsOffline: false, OfflineReason: '', IsReadOnly: false, OperationalStatus: 'Online', IsClustered: false }, volume: { DriveLetter: 'E', FileSystem: 'NTFS', HealthStatus: 'Healthy', OperationalStatus: 'OK' } }));
    expect(await windowsDrivers.volume.monitor(volume, ctxFor(r, { timeoutMs: 10_000 }))).toEqual({ status: 'running', output: 'E: NTFS Healthy' });
    expectPs(r.calls[0]!, 'disk-status', '{"uniqueId":"6000c29f3b5e0001","driveLetter":"E"}', 10_000);
  });
});

describe('ip', () => {
  it('start: ip-add with prefix, interface, DAD budget and gateway', async () => {
    const r = new RecordingRunner().stub(isScript('ip-add'), ok({ address: '10.0.0.100', interfaceIndex: 12, state: 'Preferred', skipAsSource: true, store: 'ActiveStore', created: true, removed: false, waitedMs: 1210, arp: 'sent' }));
    await windowsDrivers.ip.start(ip, ctxFor(r, { timeoutMs: 20_000 }));
    r.verify();
    expectPs(r.calls[0]!, 'ip-add', '{"address":"10.0.0.100","prefixLength":24,"interface":"Ethernet 2","dadTimeoutMs":15000,"gateway":"10.0.0.1"}', 20_000);
  });
  it('stop: ip-remove', async () => {
    const r = new RecordingRunner().stub(isScript('ip-remove'), ok({ address: '10.0.0.100', removed: 0 }));
    await windowsDrivers.ip.stop(ip, ctxFor(r));
    expectPs(r.calls[0]!, 'ip-remove', '{"address":"10.0.0.100"}', 60_000);
  });
  it('monitor: ip-status', async () => {
    const r = new RecordingRunner().stub(isScript('ip-status'), ok({ address: '10.0.0.100', addresses: [] }));
    expect((await windowsDrivers.ip.monitor(ip, ctxFor(r))).status).toBe('stopped');
    expectPs(r.calls[0]!, 'ip-status', '{"address":"10.0.0.100"}', 60_000);
  });
});

describe('service', () => {
  it('start, stop and monitor', async () => {
    const r = new RecordingRunner()
      .stub(isScript('service-start'), ok({ name: 'MSSQLSERVER', before: 'Stopped', status: 'Running', waitedMs: 3000, killed: false }))
      .stub(isScript('service-stop'), ok({ name: 'MSSQLSERVER', before: 'Running', status: 'Stopped', waitedMs: 2000, killed: false }))
      .stub(isScript('service-status'), ok({ name: 'MSSQLSERVER', service: { Name: 'MSSQLSERVER', DisplayName: 'SQL Server (MSSQLSERVER)', Status: 'Running', StartType: 'Manual' } }));
    const ctx = ctxFor(r, { timeoutMs: 8000 });
    await windowsDrivers.service.start(service, ctx);
    await windowsDrivers.service.stop(service, ctx);
    expect(await windowsDrivers.service.monitor(service, ctx)).toEqual({ status: 'running', output: 'MSSQLSERVER Running' });
    r.verify();
    expectPs(r.calls[0]!, 'service-start', '{"name":"MSSQLSERVER","timeoutMs":6000}', 8000);
    expectPs(r.calls[1]!, 'service-stop', '{"name":"MSSQLSERVER","timeoutMs":6000,"killOnTimeout":true}', 8000);
    expectPs(r.calls[2]!, 'service-status', '{"name":"MSSQLSERVER"}', 8000);
  });
});

describe('process', () => {
  it('start: Win32_Process.Create with an MSVCRT-quoted command line, cwd, env and pid file', async () => {
    const r = new RecordingRunner().stub(isScript('process-start'), ok({ pid: 4312, created: '2026-11-24T23:00:00.0000000Z', alreadyRunning: false, alive: true }));
    await windowsDrivers.process.start(proc, ctxFor(r));
    r.verify();
    expectPs(
      r.calls[0]!,
      'process-start',
      '{"commandLine":"\\"C:\\\\Program Files\\\\ERP\\\\erp.exe\\" --port 8080 \\"a b\\"","cwd":"C:\\\\ERP","env":{"ERP_MODE":"ha"},"pidFile":"C:\\\\ProgramData\\\\roseha\\\\state\\\\erp-app.pid","settleMs":500}',
      60_000,
    );
  });
  it('stop: status, taskkill /T, wait, then taskkill /T /F, wait', async () => {
    const alive = { tracked: true, pid: 4312, alive: true, created: 'c', recorded: 'c' };
    const r = new RecordingRunner()
      .stub(isScript('process-status'), ok(alive))
      .stub(['taskkill.exe', '/PID', '4312', '/T'], { exitCode: 1, stdout: 'ERROR: The process with PID 4312 could not be terminated.' })
      .stub(isScript('process-wait'), ok({ gone: false, waitedMs: 10_000 }))
      .stub(['taskkill.exe', '/PID', '4312', '/T', '/F'], { exitCode: 0 })
      .stub(isScript('process-wait'), ok({ gone: true, waitedMs: 100 }));
    await windowsDrivers.process.stop(proc, ctxFor(r));
    r.verify();
    expect(r.calls.map((c) => scriptName(c) ?? [c.file, ...c.args].join(' '))).toEqual([
      'process-status',
      'taskkill.exe /PID 4312 /T',
      'process-wait',
      'taskkill.exe /PID 4312 /T /F',
      'process-wait',
    ]);
    expectPs(r.calls[0]!, 'process-status', '{"pidFile":"C:\\\\ProgramData\\\\roseha\\\\state\\\\erp-app.pid"}', 60_000);
    expect(JSON.parse(r.calls[2]!.env!.ROSEHA_ARGS!)).toEqual({ pidFile: 'C:\\ProgramData\\roseha\\state\\erp-app.pid', waitMs: 10_000 });
    expect(JSON.parse(r.calls[4]!.env!.ROSEHA_ARGS!)).toEqual({ pidFile: 'C:\\ProgramData\\roseha\\state\\erp-app.pid', waitMs: 5000 });
  });
  it('stop hard (aborted signal) skips the graceful step; a stopped process needs nothing', async () => {
    const r = new RecordingRunner()
      .stub(isScript('process-status'), ok({ tracked: true, pid: 7, alive: true, created: 'c', recorded: 'c' }))
      .stub(['taskkill.exe', '/PID', '7', '/T', '/F'], { exitCode: 0 })
      .stub(isScript('process-wait'), ok({ gone: true, waitedMs: 0 }))
      .stub(isScript('process-status'), ok({ tracked: false, pid: 0, alive: false, created: '', recorded: '' }));
    const ac = new AbortController();
    ac.abort();
    await windowsDrivers.process.stop(proc, ctxFor(r, { signal: ac.signal }));
    await windowsDrivers.process.stop(proc, ctxFor(r));
    r.verify();
    expect(r.calls).toHaveLength(4);
  });
  it('a process still alive after /F is an error with a code', async () => {
    const r = new RecordingRunner()
      .stub(isScript('process-status'), ok({ tracked: true, pid: 9, alive: true, created: 'c', recorded: 'c' }))
      .always(isScript('process-wait'), ok({ gone: false, waitedMs: 1 }))
      .always(/^taskkill\.exe/, { exitCode: 1 });
    await expect(windowsDrivers.process.stop(proc, ctxFor(r))).rejects.toMatchObject({ code: 'RHA-E3543' });
  });
});

describe('script', () => {
  const base = { ...common, name: 'erp-check', type: 'script' as const, args: ['--site', 'east'] };
  it('.ps1 runs with -File and the arguments as argv', async () => {
    const r = new RecordingRunner().stub(() => true, { exitCode: 7, stdout: 'not running\r\n' });
    const res = await windowsDrivers.script.monitor({ ...base, path: 'C:\\roseha\\check.ps1' }, ctxFor(r, { timeoutMs: 5000 }));
    expect(res).toEqual({ status: 'stopped', output: 'not running' });
    expect(r.calls[0]).toEqual({
      file: 'powershell.exe',
      args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'C:\\roseha\\check.ps1', 'monitor', '--site', 'east'],
      timeoutMs: 5000,
    });
  });
  it('.cmd runs through cmd.exe /d /c with plain arguments', async () => {
    const r = new RecordingRunner().stub(() => true, { exitCode: 0 });
    await windowsDrivers.script.start({ ...base, path: 'C:\\roseha\\erp.cmd' }, ctxFor(r));
    expect(r.argvs).toEqual([['cmd.exe', '/d', '/c', 'C:\\roseha\\erp.cmd', 'start', '--site', 'east']]);
  });
  it('.exe runs directly; stop accepts 7; other exit codes fail with a code', async () => {
    const r = new RecordingRunner().stub(() => true, { exitCode: 7 }).stub(() => true, { exitCode: 2, stderr: 'boom' });
    await windowsDrivers.script.stop({ ...base, path: 'C:\\bin\\agent.exe' }, ctxFor(r));
    await expect(windowsDrivers.script.start({ ...base, path: 'C:\\bin\\agent.exe' }, ctxFor(r))).rejects.toMatchObject({ code: 'RHA-E3552' });
    expect(r.argvs[0]).toEqual(['C:\\bin\\agent.exe', 'stop', '--site', 'east']);
  });
  it('refuses other file types', async () => {
    const r = new RecordingRunner();
    await expect(windowsDrivers.script.start({ ...base, path: 'C:\\x\\run.sh' }, ctxFor(r))).rejects.toMatchObject({ code: 'RHA-E3550' });
    expect(r.calls).toEqual([]);
  });
});

describe('describeWindowsCommand', () => {
  it('names the decoded script and shows ROSEHA_ARGS as JSON', async () => {
    const { describeWindowsCommand } = await import('../../../src/actions/windows/describe.js');
    const r = new RecordingRunner().stub(isScript('service-start'), ok({ name: 'MSSQLSERVER', before: 'Stopped', status: 'Running', waitedMs: 1, killed: false }));
    await windowsDrivers.service.start(service, ctxFor(r, { timeoutMs: 8000 }));
    expect(describeWindowsCommand(r.calls[0]!)).toBe(
      'powershell.exe [service-start] Get-Service -Name; Start-Service (ServiceController.Start, then WaitForStatus Running with a timeout) ROSEHA_ARGS={"name":"MSSQLSERVER","timeoutMs":6000}',
    );
    expect(describeWindowsCommand({ file: 'taskkill.exe', args: ['/PID', '7', '/T'] })).toBe('taskkill.exe /PID 7 /T');
  });
});
