// Bad datagrams are counted one by one but logged at most once per reason per minute: a flood of
// forged packets must not become a flood of log lines (or a full disk).
import type { DropReason } from './codec.js';
import type { LinkLogger } from './types.js';

const WINDOW_MS = 60_000;

export class DropLogThrottle {
  private readonly windows = new Map<DropReason, { start: number; suppressed: number }>();

  constructor(
    private readonly log: LinkLogger,
    private readonly link: string,
  ) {}

  note(reason: DropReason, from: string, now: number): void {
    const w = this.windows.get(reason);
    if (w && now - w.start < WINDOW_MS) {
      w.suppressed++;
      return;
    }
    const suppressed = w?.suppressed ?? 0;
    this.windows.set(reason, { start: now, suppressed: 0 });
    this.log.warn({ code: 'RHA-W2407', link: this.link, reason, from, suppressedSinceLast: suppressed }, `dropped a ${reason} heartbeat on the ${this.link} link`);
  }
}
