// The ICMP gateway check as one long-lived `ping` (iputils, Linux) instead of a ping process every
// second: each fork of the agent cost ~30 ms of its main thread here (a third of its idle CPU), and
// the forks competed with a takeover. `-O` makes ping print "no answer yet" for an echo that went
// unanswered, so every echo brings a line either way. An echo every half second: a link that goes down
// gives no error to a running ping (the one-shot ping failed at once on the missing route), only
// "no answer yet" at the next echo, so the interval is what the detection waits.
import type { InteractiveProcess, Runner } from '../platform/types.js';
import type { GatewayCheckResult } from './gateway.js';

export type PingLine = { kind: 'reply' | 'miss' | 'unreachable'; line: string } | null;

/** What one line of `ping -O -n` says (iputils' wording; other lines are none of ours). */
export function parsePingLine(line: string): PingLine {
  const text = line.trim();
  if (/ bytes from .*icmp_seq=\d+/.test(text)) return { kind: 'reply', line: text };
  if (/^no answer yet for icmp_seq=\d+/.test(text)) return { kind: 'miss', line: text };
  if (/icmp_seq=\d+ .*(Unreachable|Time to live exceeded)/i.test(text)) return { kind: 'unreachable', line: text };
  return null;
}

export interface GatewayWatchOptions {
  runner: Runner;
  gateway: string;
  /** Monotonic ms. */
  now?: () => number;
  /** A reply older than this no longer vouches for the gateway. Default 1250 ms (two echoes and a half). */
  staleAfterMs?: number;
  /**
   * Before ping's first reply, and while it is being restarted, the check passes for this long
   * (unless the gateway is reported unreachable): the first echo of a node just up often goes
   * unanswered while ARP resolves the gateway. Default 2500 ms.
   */
  graceMs?: number;
}

const intervalS = 0.5;

export class GatewayWatch {
  private child: InteractiveProcess | undefined;
  private last: { kind: 'reply' | 'miss' | 'unreachable'; line: string; at: number } | undefined;
  private startedAt = 0;
  /** This ping has printed a reply: from then on a miss is the gateway's silence, not a start-up. */
  private replied = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private exitNote = '';
  private readonly now: () => number;

  constructor(private readonly opts: GatewayWatchOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** The argv (exported for golden tests): an echo every half second, unanswered ones reported, numeric output. */
  static command(gateway: string): { file: string; args: string[] } {
    return { file: 'ping', args: ['-O', '-n', '-i', String(intervalS), '-W', '1', gateway] };
  }

  start(): void {
    if (this.stopped || this.child || !this.opts.runner.spawnInteractive) return;
    this.startedAt = this.now();
    this.replied = false;
    const child = this.opts.runner.spawnInteractive(GatewayWatch.command(this.opts.gateway));
    this.child = child;
    child.onLine((line) => {
      const parsed = parsePingLine(line);
      if (parsed) this.last = { ...parsed, at: this.now() };
      if (parsed?.kind === 'reply') this.replied = true;
    });
    child.onStderr((text) => {
      this.exitNote = text.trim().split('\n')[0] ?? '';
    });
    child.onExit((code) => {
      this.child = undefined;
      if (this.stopped) return;
      this.exitNote ||= `ping exited (${code ?? 'could not start'})`;
      // Started again in a second: a missing or crashing ping must not spin.
      this.restartTimer = setTimeout(() => this.start(), 1000);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    this.child?.kill();
    this.child = undefined;
  }

  /** The gateway's state as of ping's last line. */
  check(): GatewayCheckResult {
    const now = this.now();
    const result = (status: GatewayCheckResult['status'], output: string): GatewayCheckResult => ({ status, ok: status !== 'critical', output, durationMs: 0 });
    const grace = this.opts.graceMs ?? 2500;
    const stale = this.opts.staleAfterMs ?? 2.5 * intervalS * 1000;
    const last = this.last;
    if (last?.kind === 'reply' && now - last.at <= stale) return result('passing', last.line);
    const starting = now - this.startedAt <= grace && !this.replied;
    if (starting && last?.kind !== 'unreachable') return result('passing', `ping ${this.opts.gateway}: waiting for the first reply`);
    if (last && last.kind !== 'reply') return result('critical', `ping ${this.opts.gateway}: ${last.line}`);
    if (!this.child && this.exitNote) return result('critical', `ping ${this.opts.gateway}: ${this.exitNote}`);
    return result('critical', `ping ${this.opts.gateway}: no reply for ${Math.round(now - (last?.at ?? this.startedAt))} ms`);
  }
}
