// Golden tests of the Windows alert commands (unverified on Windows: what runs there is exactly this).
import { describe, expect, it } from 'vitest';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { decodeScript } from '../../../src/actions/windows/powershell/host.js';
import { eventLogChannel, eventcreateCommand, writeEventLogCommand } from '../../../src/agent/alerts/eventlog.js';
import { soundChannel } from '../../../src/agent/alerts/sound.js';
import { beepScript, eventLogScript, registerEventSourceScript } from '../../../src/agent/alerts/powershell.js';
import type { Alert } from '../../../src/agent/alerts/types.js';
import { powershellSyntaxProblems } from '../../actions/windows/ps-syntax.js';

const alert: Alert = {
  cluster: 'erp',
  node: 'node-b',
  code: 'RHA-I2101',
  severity: 'info',
  message: "group erp active on node-b after 840 ms (takeover); '; Remove-Item C:\\ -Recurse; $(whoami)",
  at: '2026-01-01T00:00:00.000Z',
  group: 'erp',
};

describe('Windows Event Log alert', () => {
  it('Write-EventLog: constant script, the alert only as JSON in ROSEHA_ARGS', () => {
    const spec = writeEventLogCommand(alert);
    expect(spec.file).toBe('powershell.exe');
    expect(spec.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    const text = decodeScript(spec.args[5]!);
    expect(text).toBe(eventLogScript.text);
    expect(text).toContain("Write-EventLog -LogName Application -Source 'roseha' -EventId ([int]$a.id) -EntryType ([string]$a.type) -Message ([string]$a.message)");
    expect(text).not.toContain('Remove-Item');
    const args = JSON.parse(spec.env!.ROSEHA_ARGS!);
    expect(args).toMatchObject({ id: 2101, type: 'Information' });
    expect(args.message).toContain("'; Remove-Item C:\\ -Recurse; $(whoami)");
  });

  it('falls back to eventcreate (ID 1–1000, message one argv element) when Write-EventLog fails', async () => {
    const r = new RecordingRunner();
    r.stub((s) => s.file === 'powershell.exe', { exitCode: 1, stderr: 'source not found' });
    r.stub((s) => s.file === 'eventcreate.exe', { exitCode: 0 });
    const detail = await eventLogChannel({ runner: r, platform: 'windows' }).send({ ...alert, severity: 'error', code: 'RHA-E2112' });
    r.verify();
    expect(detail).toMatch(/eventcreate/);
    const [, ec] = r.calls;
    expect(ec!.args.slice(0, 8)).toEqual(['/T', 'ERROR', '/ID', '112', '/L', 'APPLICATION', '/SO', 'roseha']);
    expect(ec!.args[8]).toBe('/D');
    expect(ec!.args).toHaveLength(10);
    expect(eventcreateCommand({ ...alert, code: 'RHA-W5000' }).args[3]).toBe('1000');
  });

  it('on Linux the event log is syslog through logger, with -- before the message', async () => {
    const r = new RecordingRunner();
    r.stub(['logger', '-t', 'roseha', '-p', 'daemon.warning', '--', 'node-b: RHA-W2041 [private link] -private link down'], { exitCode: 0 });
    await eventLogChannel({ runner: r, platform: 'linux' }).send({ ...alert, code: 'RHA-W2041', severity: 'warning', group: undefined, link: 'private', message: '-private link down' });
    r.verify();
  });
});

describe('sound alert', () => {
  it('Windows: a beep, or the .wav given, through Windows PowerShell', async () => {
    const r = new RecordingRunner();
    r.always((s) => s.file === 'powershell.exe', { exitCode: 0 });
    await soundChannel({ runner: r, platform: 'windows' }).send(alert);
    await soundChannel({ runner: r, platform: 'windows', file: 'C:\\roseha\\alarm.wav' }).send(alert);
    expect(r.calls.map((c) => decodeScript(c.args[5]!))).toEqual([beepScript.text, beepScript.text]);
    expect(r.calls.map((c) => JSON.parse(c.env!.ROSEHA_ARGS!))).toEqual([{ file: null }, { file: 'C:\\roseha\\alarm.wav' }]);
    expect(beepScript.text).toContain('[console]::Beep(880, 300)');
    expect(beepScript.text).toContain('New-Object System.Media.SoundPlayer ([string]$a.file)');
  });

  it('Linux: paplay, then aplay; neither installed is a W5221 failure (the log line says so)', async () => {
    const r = new RecordingRunner();
    r.stub(['paplay', '/tmp/x.wav'], { exitCode: 127 });
    r.stub(['aplay', '/tmp/x.wav'], { exitCode: 0 });
    expect(await soundChannel({ runner: r, platform: 'linux', file: '/tmp/x.wav' }).send(alert)).toBe('played /tmp/x.wav with aplay');
    r.verify();
    const none = new RecordingRunner();
    none.always(() => true, { exitCode: 127 });
    await expect(soundChannel({ runner: none, platform: 'linux', exists: () => true }).send(alert)).rejects.toMatchObject({ code: 'RHA-W5221' });
    const noFile = new RecordingRunner();
    await expect(soundChannel({ runner: noFile, platform: 'linux', exists: () => false }).send(alert)).rejects.toMatchObject({ code: 'RHA-W5221' });
    expect(noFile.calls).toEqual([]);
  });

  it('the alert scripts parse as PowerShell', async () => {
    for (const s of [beepScript, eventLogScript, registerEventSourceScript]) expect(await powershellSyntaxProblems(s.text)).toEqual([]);
  });
});
