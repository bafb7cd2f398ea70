// Builds the alert channels the config asks for and the dispatcher that feeds them.
import { dirname, isAbsolute, resolve } from 'node:path';
import type { EffectiveConfig } from '../../config/load.js';
import type { Runner } from '../../platform/types.js';
import { lookupCode } from '../../i18n/catalogue/index.js';
import { AlertDispatcher, type AlertLogger } from './dispatcher.js';
import { emailChannel } from './email.js';
import { eventLogChannel } from './eventlog.js';
import { scriptChannel } from './script.js';
import { soundChannel } from './sound.js';
import type { AlertChannel } from './types.js';

export { AlertDispatcher } from './dispatcher.js';
export type { Alert, AlertChannel, ChannelResult } from './types.js';

export function alertChannels(config: EffectiveConfig, runner: Runner, platform: 'windows' | 'linux'): AlertChannel[] {
  const a = config.alerts;
  const dir = dirname(config.paths.config);
  const abs = (p: string) => (isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) ? p : resolve(dir, p));
  const out: AlertChannel[] = [];
  if (a.email) out.push(emailChannel(a.email, a.email.password_file ? abs(a.email.password_file) : undefined));
  if (a.sound) out.push(soundChannel({ runner, platform, ...(a.sound_file ? { file: abs(a.sound_file) } : {}) }));
  if (a.eventlog) out.push(eventLogChannel({ runner, platform }));
  if (a.script) out.push(scriptChannel({ runner, path: abs(a.script) }));
  return out;
}

export function createAlerts(opts: { config: EffectiveConfig; node: string; runner: Runner; log: AlertLogger; platform?: 'windows' | 'linux'; channels?: AlertChannel[] }): AlertDispatcher {
  const platform = opts.platform ?? (process.platform === 'win32' ? 'windows' : 'linux');
  const zh = opts.config.cluster.language === 'zh-CN';
  return new AlertDispatcher({
    cluster: opts.config.cluster.name,
    node: opts.node,
    throttleS: opts.config.alerts.throttle_s,
    channels: opts.channels ?? alertChannels(opts.config, opts.runner, platform),
    log: opts.log,
    title: (code) => lookupCode(code)?.[zh ? 'zh' : 'en'].title,
  });
}
