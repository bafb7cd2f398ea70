// The operator's own program, run on every alert: argv [code, severity, group], the whole alert as
// JSON in ROSEHA_ALERT (and the text in ROSEHA_ALERT_TEXT). Never through a shell.
import type { CommandSpec, Runner } from '../../platform/types.js';
import { RosehaError } from '../../errors.js';
import { alertText, type Alert, type AlertChannel } from './types.js';

export function scriptCommand(path: string, a: Alert): CommandSpec {
  const { event: _event, ...data } = a;
  return {
    file: path,
    args: [a.code, a.severity, a.group ?? ''],
    env: { ROSEHA_ALERT: JSON.stringify(data), ROSEHA_ALERT_TEXT: alertText(a) },
    timeoutMs: 30_000,
  };
}

export function scriptChannel(opts: { runner: Runner; path: string }): AlertChannel {
  return {
    name: 'script',
    async send(a) {
      const r = await opts.runner.run(scriptCommand(opts.path, a));
      if (r.timedOut) throw new RosehaError('RHA-W5220', `alert script ${opts.path} did not finish within 30 s and was killed`);
      if (r.exitCode !== 0) throw new RosehaError('RHA-W5220', `alert script ${opts.path} exited ${r.exitCode}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
      return `ran ${opts.path}`;
    },
  };
}
