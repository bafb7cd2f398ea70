// Turns the agent's events into alerts: picks the ones that matter, throttles them per code and
// group, and sends each to every configured channel. A channel that fails is logged with its code
// and never stops the others, nor the agent.
import { performance } from 'node:perf_hooks';
import type { AgentEvent } from '../../core/status.js';
import { isRosehaError } from '../../errors.js';
import { AlertThrottle, shouldAlert } from './policy.js';
import type { Alert, AlertChannel, ChannelResult } from './types.js';

export interface AlertLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface AlertDispatcherOptions {
  cluster: string;
  node: string;
  throttleS: number;
  channels: readonly AlertChannel[];
  log: AlertLogger;
  /** The catalogue's title for a code, in the cluster's language. */
  title?: (code: string) => string | undefined;
  /** Monotonic ms. */
  now?: () => number;
  wallClock?: () => Date;
}

export class AlertDispatcher {
  private readonly throttle: AlertThrottle;
  private readonly now: () => number;
  private readonly wall: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<unknown>>();

  constructor(private readonly opts: AlertDispatcherOptions) {
    this.throttle = new AlertThrottle(opts.throttleS * 1000);
    this.now = opts.now ?? (() => performance.now());
    this.wall = opts.wallClock ?? (() => new Date());
  }

  get channels(): readonly AlertChannel[] {
    return this.opts.channels;
  }

  /** Sends the throttle's summaries as their windows end. */
  start(): void {
    if (this.timer || this.opts.throttleS <= 0) return;
    this.timer = setInterval(() => this.flushSummaries(), Math.min(1000, this.opts.throttleS * 250));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Subscribe this to the worker's EventLog. */
  onEvent(e: AgentEvent): void {
    if (this.opts.channels.length === 0 || !shouldAlert(e)) return;
    if (!this.throttle.admit(e, this.now())) return;
    this.track(this.deliver(this.fromEvent(e)));
  }

  flushSummaries(): void {
    for (const due of this.throttle.due(this.now())) {
      const base = this.fromEvent(due.last);
      this.track(this.deliver({ ...base, at: this.wall().toISOString(), suppressed: { count: due.suppressed, windowS: this.opts.throttleS, last: due.last.message } }));
    }
  }

  /** `roseha alert test`: one test alert through every channel, past the throttle, with each outcome. */
  test(by: string): Promise<ChannelResult[]> {
    const code = 'RHA-I5223';
    return this.deliver({
      cluster: this.opts.cluster,
      node: this.opts.node,
      code,
      severity: 'info',
      message: `test alert asked by ${by}`,
      at: this.wall().toISOString(),
      test: true,
      ...this.titled(code),
    });
  }

  /** Waits for the alerts being sent (tests, and a clean stop). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async deliver(alert: Alert): Promise<ChannelResult[]> {
    return Promise.all(
      this.opts.channels.map(async (ch): Promise<ChannelResult> => {
        try {
          const detail = await ch.send(alert);
          this.opts.log.info({ code: 'RHA-I5222', channel: ch.name, alert: alert.code, group: alert.group }, `alert ${alert.code} sent by ${ch.name}: ${detail}`);
          return { channel: ch.name, ok: true, detail };
        } catch (err) {
          const code = isRosehaError(err) ? err.code : 'RHA-W5220';
          const detail = (err as Error).message;
          this.opts.log.warn({ code, channel: ch.name, alert: alert.code, group: alert.group }, `alert ${alert.code} not sent by ${ch.name}: ${detail}`);
          return { channel: ch.name, ok: false, detail: `${code} ${detail}` };
        }
      }),
    );
  }

  private fromEvent(e: AgentEvent): Alert {
    return {
      cluster: this.opts.cluster,
      node: e.node,
      code: e.code,
      severity: e.severity,
      message: e.message,
      at: e.at,
      ...(e.group ? { group: e.group } : {}),
      ...(e.link ? { link: e.link } : {}),
      ...this.titled(e.code),
      event: e,
    };
  }

  private titled(code: string): { title?: string } {
    const t = this.opts.title?.(code);
    return t ? { title: t } : {};
  }

  private track(p: Promise<unknown>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
