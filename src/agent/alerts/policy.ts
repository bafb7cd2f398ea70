// Which events become alerts, and the throttle that keeps a flapping link from sending a thousand
// mails. Pure: time is a parameter.
import type { AgentEvent } from '../../core/status.js';

/**
 * Good news worth telling too: a takeover (a group now active here), a link or the peer back, an
 * unlock, a config change. Every warning and error alerts.
 */
const infoCodesThatAlert = new Set(['RHA-I2101', 'RHA-I2040', 'RHA-I2042', 'RHA-I2051', 'RHA-I5240', 'RHA-I5247']);

export function shouldAlert(e: Pick<AgentEvent, 'code' | 'severity'>): boolean {
  return e.severity !== 'info' || infoCodesThatAlert.has(e.code);
}

/** Alerts are throttled per code and per group (or link): a flapping link is two keys, up and down. */
export function throttleKey(e: Pick<AgentEvent, 'code' | 'group' | 'link'>): string {
  return `${e.code}|${e.group ?? e.link ?? ''}`;
}

interface Window {
  openedAt: number;
  suppressed: number;
  last?: AgentEvent;
}

export interface DueSummary {
  key: string;
  suppressed: number;
  last: AgentEvent;
}

export class AlertThrottle {
  private windows = new Map<string, Window>();
  private pending: DueSummary[] = [];

  constructor(private readonly windowMs: number) {}

  /** True: send it now. False: held back, counted for the summary. */
  admit(e: AgentEvent, now: number): boolean {
    if (this.windowMs <= 0) return true;
    this.expire(now);
    const key = throttleKey(e);
    const w = this.windows.get(key);
    if (!w) {
      this.windows.set(key, { openedAt: now, suppressed: 0 });
      return true;
    }
    w.suppressed += 1;
    w.last = e;
    return false;
  }

  /** One summary for each window that ended with alerts held back. */
  due(now: number): DueSummary[] {
    this.expire(now);
    const out = this.pending;
    this.pending = [];
    return out;
  }

  private expire(now: number): void {
    for (const [key, w] of this.windows) {
      if (now - w.openedAt < this.windowMs) continue;
      this.windows.delete(key);
      if (w.suppressed > 0 && w.last) this.pending.push({ key, suppressed: w.suppressed, last: w.last });
    }
  }
}
