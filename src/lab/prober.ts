// The client: helpers/prober.mjs in the client namespace connects to VIP:port every few ms and
// writes outages and who answered as JSON lines; this side reads them.
import { join } from 'node:path';
import type { Runner } from '../platform/types.js';
import { JsonlTail } from './jsonl.js';
import { waitFor } from './exec.js';
import { helperScript } from './paths.js';
import type { LabNames } from './names.js';

export interface Outage {
  /** Start of the first failed attempt (CLOCK_MONOTONIC ms). */
  start: number;
  /** Start of the next successful attempt. */
  end: number;
  ms: number;
  /** Who answered before and after (null before the first answer). */
  before: string | null;
  after: string;
  failures: number;
}

export interface Answer {
  t: number;
  by: string;
}

export interface ProbeReport {
  outages: Outage[];
  answers: Answer[];
  /** Set when the prober was stopped in the middle of an outage. */
  ongoingOutageStart: number | null;
  attempts: number;
  ok: number;
  failed: number;
}

export interface ProberOptions {
  intervalMs?: number;
  timeoutMs?: number;
}

type Row = { type: string } & Record<string, unknown>;

export class Prober {
  private readonly tail: JsonlTail<Row>;
  private readonly outagesSeen: Outage[] = [];
  private readonly answersSeen: Answer[] = [];
  private stats = { attempts: 0, ok: 0, failed: 0 };
  private ongoing: number | null = null;
  private pid: number | undefined;
  private started = false;
  private ended = false;
  private down = false;
  readonly outFile: string;

  constructor(
    private readonly runner: Runner,
    private readonly names: LabNames,
    private readonly opts: ProberOptions = {},
  ) {
    this.outFile = join(names.runDir, 'client', 'probe.jsonl');
    this.tail = new JsonlTail(this.outFile);
  }

  observerPids(): number[] {
    return this.pid ? [this.pid] : [];
  }

  async start(): Promise<void> {
    const { pid } = await this.runner.spawnDetached({
      file: 'ip',
      args: ['netns', 'exec', this.names.clientNetns, process.execPath, helperScript('prober'), '--host', this.names.vip,
        '--port', String(this.names.servicePort), '--interval', String(this.opts.intervalMs ?? 5), '--timeout', String(this.opts.timeoutMs ?? 100),
        '--out', this.outFile],
      logFile: join(this.names.runDir, 'client', 'prober.log'),
    });
    this.pid = pid;
    await waitFor('the prober to start', async () => (await this.poll(), this.started ? true : undefined), 10_000);
  }

  async poll(): Promise<void> {
    for (const row of await this.tail.read()) {
      if (row.type === 'start') this.started = true;
      else if (row.type === 'fail') this.down = true;
      else if (row.type === 'outage') {
        this.outagesSeen.push(row as unknown as Outage);
        this.down = false;
      } else if (row.type === 'answer') {
        this.answersSeen.push({ t: row.t as number, by: row.by as string });
        this.down = false;
      }
      else if (row.type === 'stats') this.stats = { attempts: row.attempts as number, ok: row.ok as number, failed: row.failed as number };
      else if (row.type === 'end') {
        this.ended = true;
        this.ongoing = (row.ongoingOutageStart as number | null) ?? null;
      }
    }
  }

  async outages(): Promise<Outage[]> {
    await this.poll();
    return [...this.outagesSeen];
  }

  /** Who answered last, and since when. */
  async current(): Promise<Answer | undefined> {
    await this.poll();
    return this.answersSeen[this.answersSeen.length - 1];
  }

  /** True while the latest settled attempt failed (an outage is going on). */
  get failing(): boolean {
    return this.down;
  }

  /** Waits until the service answers (from `by`, if given) and no outage is going on. */
  async waitForAnswer(timeoutMs: number, by?: string): Promise<Answer> {
    return waitFor(`an answer from ${by ?? 'any node'} on ${this.names.vip}:${this.names.servicePort}`, async () => {
      await this.poll();
      const last = this.answersSeen[this.answersSeen.length - 1];
      if (this.down || !last || (by && last.by !== by)) return undefined;
      return last;
    }, timeoutMs);
  }

  /** The first outage that ends after `t` (the one a fault at `t` caused), once it has ended. */
  async waitForOutageAfter(t: number, timeoutMs: number): Promise<Outage> {
    return waitFor('the client outage to end', async () => {
      await this.poll();
      return this.outagesSeen.find((o) => o.end >= t);
    }, timeoutMs);
  }

  async stop(): Promise<ProbeReport> {
    if (this.pid) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      // Its last lines (final stats, an outage still going on) follow the signal.
      await waitFor('the prober to finish', async () => (await this.poll(), this.ended ? true : undefined), 2000).catch(() => undefined);
    }
    return { outages: [...this.outagesSeen], answers: [...this.answersSeen], ongoingOutageStart: this.ongoing, ...this.stats };
  }
}
