// A long-lived PowerShell child that answers one JSON line per JSON request line, one request at a
// time. A request that outlives its timeout kills the child (a wedged PowerShell must never hold up
// the next probe); the next request starts a fresh one.
import * as v from 'valibot';
import { RosehaError } from '../../../errors.js';
import type { InteractiveProcess, InteractiveSpec, Runner } from '../../../platform/types.js';
import { envelopeSchema, type PsEnvelope } from './envelope.js';
import { asciiJson } from './host.js';
import { clixmlToText } from './clixml.js';

export interface LineClientCodes {
  /** The runner cannot keep a child with pipes. */
  unsupported: string;
  /** No answer within the request's timeout. */
  timeout: string;
  /** The child exited (or could not start) with a request outstanding. */
  exited: string;
}

interface Pending {
  id: string;
  resolve: (e: PsEnvelope) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class LineJsonClient {
  private child: InteractiveProcess | undefined;
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private stderrTail = '';

  constructor(
    private readonly runner: Runner,
    private readonly spec: InteractiveSpec,
    private readonly label: string,
    private readonly codes: LineClientCodes,
  ) {}

  /** Sends {id, ...payload}; resolves with the child's envelope (ok or not), in order of calls. */
  request(payload: Record<string, unknown>, timeoutMs: number): Promise<PsEnvelope> {
    const run = () => this.send(payload, timeoutMs);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  close(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill();
  }

  private start(): InteractiveProcess {
    if (this.child) return this.child;
    if (!this.runner.spawnInteractive) {
      throw new RosehaError(this.codes.unsupported, `${this.label}: this runner cannot keep a long-lived PowerShell process`);
    }
    const child = this.runner.spawnInteractive(this.spec);
    this.child = child;
    this.stderrTail = '';
    child.onLine((line) => this.onLine(line));
    child.onStderr((text) => {
      this.stderrTail = (this.stderrTail + text).slice(-4000);
    });
    child.onExit((code) => {
      if (this.child === child) this.child = undefined;
      const p = this.pending;
      if (p) {
        this.pending = undefined;
        clearTimeout(p.timer);
        p.reject(
          new RosehaError(this.codes.exited, `${this.label} exited (code ${code ?? 'none'}) before answering`, {
            details: { stderr: clixmlToText(this.stderrTail).slice(-2000) },
          }),
        );
      }
    });
    return child;
  }

  private send(payload: Record<string, unknown>, timeoutMs: number): Promise<PsEnvelope> {
    const child = this.start();
    const id = String(this.nextId++);
    return new Promise<PsEnvelope>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.close();
        reject(new RosehaError(this.codes.timeout, `${this.label} did not answer within ${timeoutMs} ms; it was stopped and will be restarted`));
      }, timeoutMs);
      this.pending = { id, resolve, reject, timer };
      child.write(asciiJson({ id, ...payload }) + '\n');
    });
  }

  private onLine(line: string): void {
    const p = this.pending;
    if (!p || !line.trim().startsWith('{')) return; // not ours: noise a cmdlet wrote to the host
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return;
    }
    const parsed = v.safeParse(envelopeSchema, json);
    if (!parsed.success || String(parsed.output.id ?? '') !== p.id) return;
    this.pending = undefined;
    clearTimeout(p.timer);
    p.resolve(parsed.output);
  }
}
