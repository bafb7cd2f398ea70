// Keeps the failovers each group took part in on disk, so that the ping-pong guard
// (failover_threshold within failover_period) survives an agent restart, as Windows clusters keep
// "maximum failures in the specified period" in their database. The core counts on the monotonic
// clock, which restarts with the process; the file holds wall-clock times, converted both ways
// against the clocks' difference now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

type Times = Record<string, number[]>;

export interface Clocks {
  /** Monotonic ms (the core's clock). */
  now(): number;
  wall(): Date;
}

export class FailoverHistory {
  private readonly file: string;
  private saved = '{}';

  constructor(
    stateDir: string,
    private readonly clocks: Clocks,
  ) {
    this.file = join(stateDir, 'failovers.json');
  }

  /** The recorded failovers on the monotonic clock; none when there is no readable file. */
  load(): Times {
    let onDisk: unknown;
    try {
      onDisk = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return {};
    }
    const offset = this.clocks.wall().getTime() - this.clocks.now();
    const times: Times = {};
    for (const [group, list] of Object.entries((onDisk as { failovers?: Record<string, unknown> })?.failovers ?? {})) {
      if (!Array.isArray(list)) continue;
      const at = list.filter((iso): iso is string => typeof iso === 'string' && /^\d{4}-\d\d-\d\dT/.test(iso)).map(Date.parse).filter(Number.isFinite);
      if (at.length) times[group] = at.map((t) => t - offset);
    }
    this.saved = JSON.stringify(times);
    return times;
  }

  /** Writes the failovers when they changed since the last load or save. Never throws: memory still rules. */
  save(times: Times): void {
    // The core keeps an empty list for every group: those are no news.
    const recorded = Object.fromEntries(Object.entries(times).filter(([, at]) => at.length));
    const text = JSON.stringify(recorded);
    if (text === this.saved) return;
    const offset = this.clocks.wall().getTime() - this.clocks.now();
    const failovers = Object.fromEntries(Object.entries(recorded).map(([g, at]) => [g, at.map((t) => new Date(t + offset).toISOString())]));
    try {
      writeFileAtomic(this.file, JSON.stringify({ failovers }, null, 2) + '\n', 0o600);
      this.saved = text;
    } catch {
      // Unwritable state folder: the counts live on in memory, as before.
    }
  }
}
