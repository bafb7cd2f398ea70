// The system's event log. Windows: Write-EventLog to the Application log under the source "roseha"
// (registered at `roseha service install`), and eventcreate when that fails (IDs 1–1000 only).
// Linux: logger (syslog / the journal). Unverified on Windows: golden-tested here.
import type { CommandSpec, Runner } from '../../platform/types.js';
import { powershellCommand } from '../../actions/windows/powershell/host.js';
import { RosehaError } from '../../errors.js';
import { eventLogScript } from './powershell.js';
import { alertHeadline, alertText, type Alert, type AlertChannel } from './types.js';

const entryType = { error: 'Error', warning: 'Warning', info: 'Information' } as const;
const eventcreateType = { error: 'ERROR', warning: 'WARNING', info: 'INFORMATION' } as const;
const syslogPriority = { error: 'daemon.err', warning: 'daemon.warning', info: 'daemon.info' } as const;

/** The code's number is the event ID (RHA-I2101 → 2101): operators filter on it. */
export function eventId(code: string): number {
  return Number(/(\d{4})$/.exec(code)?.[1] ?? 1);
}

export function writeEventLogCommand(a: Alert): CommandSpec {
  return powershellCommand(eventLogScript, { id: eventId(a.code), type: entryType[a.severity], message: alertText(a) }, { timeoutMs: 15_000 });
}

/** eventcreate takes IDs 1–1000 only: the code's last three digits (1000 for …000). */
export function eventcreateCommand(a: Alert): CommandSpec {
  const id = eventId(a.code) % 1000 || 1000;
  // The message is one argv element; Windows caps a command line near 32K characters.
  return { file: 'eventcreate.exe', args: ['/T', eventcreateType[a.severity], '/ID', String(id), '/L', 'APPLICATION', '/SO', 'roseha', '/D', alertText(a).slice(0, 8000)], timeoutMs: 15_000 };
}

export function loggerCommand(a: Alert): CommandSpec {
  // `--` ends logger's options: a message that starts with "-" stays a message.
  return { file: 'logger', args: ['-t', 'roseha', '-p', syslogPriority[a.severity], '--', alertHeadline(a)], timeoutMs: 10_000 };
}

export function eventLogChannel(opts: { runner: Runner; platform: 'windows' | 'linux' }): AlertChannel {
  return {
    name: 'eventlog',
    async send(a) {
      if (opts.platform === 'linux') {
        const r = await opts.runner.run(loggerCommand(a));
        if (r.exitCode !== 0) throw new RosehaError('RHA-W5220', `logger failed (exit ${r.exitCode}): ${r.stderr.trim().slice(0, 300)}`);
        return 'written to syslog (logger -t roseha)';
      }
      const first = await opts.runner.run(writeEventLogCommand(a));
      if (first.exitCode === 0) return `written to the Application log, event ID ${eventId(a.code)}`;
      const second = await opts.runner.run(eventcreateCommand(a));
      if (second.exitCode === 0) return 'written to the Application log with eventcreate (Write-EventLog failed: is the source registered? `roseha service install` does it)';
      throw new RosehaError('RHA-W5220', `the event log refused the alert: Write-EventLog exit ${first.exitCode}, eventcreate exit ${second.exitCode} ${second.stderr.trim().slice(0, 200)}`);
    },
  };
}
