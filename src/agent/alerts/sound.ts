// An audible alert. Windows: a beep or a .wav through Windows PowerShell (best effort: a service in
// session 0 usually has no audio — unverified on Windows). Linux: paplay, then aplay, if present;
// otherwise the alert says so in the log and nothing else happens.
import { existsSync } from 'node:fs';
import type { Runner } from '../../platform/types.js';
import { powershellCommand } from '../../actions/windows/powershell/host.js';
import { RosehaError } from '../../errors.js';
import { beepScript } from './powershell.js';
import type { AlertChannel } from './types.js';

/** Sounds that desktop Linux distributions ship, tried in order when alerts.sound_file is unset. */
export const linuxDefaultSounds = ['/usr/share/sounds/freedesktop/stereo/alarm-clock-elapsed.oga', '/usr/share/sounds/alsa/Front_Center.wav'];

export function soundChannel(opts: { runner: Runner; platform: 'windows' | 'linux'; file?: string; exists?: (p: string) => boolean }): AlertChannel {
  const exists = opts.exists ?? existsSync;
  return {
    name: 'sound',
    async send() {
      if (opts.platform === 'windows') {
        const r = await opts.runner.run(powershellCommand(beepScript, { file: opts.file ?? null }, { timeoutMs: 15_000 }));
        if (r.exitCode !== 0) throw new RosehaError('RHA-W5220', `the sound alert failed (exit ${r.exitCode}): ${r.stderr.slice(0, 300) || r.stdout.slice(0, 300)}`);
        return opts.file ? `played ${opts.file}` : 'beeped';
      }
      const file = opts.file ?? linuxDefaultSounds.find((f) => exists(f));
      if (!file) throw new RosehaError('RHA-W5221', 'no sound file on this node (set alerts.sound_file): the sound alert is only this log line');
      const tried: string[] = [];
      for (const player of ['paplay', 'aplay']) {
        const r = await opts.runner.run({ file: player, args: [file], timeoutMs: 15_000 });
        if (r.exitCode === 0) return `played ${file} with ${player}`;
        tried.push(r.exitCode === 127 ? `${player}: not installed` : `${player}: exit ${r.exitCode} ${r.stderr.trim().slice(0, 120)}`);
      }
      throw new RosehaError('RHA-W5221', `no working sound player on this node (${tried.join('; ')}): the sound alert is only this log line`);
    },
  };
}
