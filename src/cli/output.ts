// Output conventions shared by every command: JSON with a schemaVersion for scripts, colour and
// tables only on a TTY without NO_COLOR, tab-separated text when piped, errors on stderr.
import type { TextSink } from './std-sink.js';
import type { Problem } from '../errors.js';

export const schemaVersion = 1;

export interface OutputOptions {
  stdout: TextSink;
  stderr: TextSink;
  json: boolean;
  env: NodeJS.ProcessEnv;
  /** --no-color on the command line */
  noColor?: boolean;
}

type Paint = (s: string) => string;
const plain: Paint = (s) => s;

export class Output {
  readonly json: boolean;
  readonly tty: boolean;
  readonly color: boolean;
  private readonly stdout: OutputOptions['stdout'];
  private readonly stderr: OutputOptions['stderr'];
  private paints: Record<'red' | 'yellow' | 'green' | 'grey' | 'blue' | 'bold', Paint>;

  constructor(opts: OutputOptions) {
    this.stdout = opts.stdout;
    this.stderr = opts.stderr;
    this.json = opts.json;
    this.tty = opts.stdout.isTTY === true;
    const forced = opts.env.FORCE_COLOR !== undefined && opts.env.FORCE_COLOR !== '0';
    this.color = !opts.noColor && opts.env.NO_COLOR === undefined && (this.tty || forced) && !this.json;
    this.paints = { red: plain, yellow: plain, green: plain, grey: plain, blue: plain, bold: plain };
  }

  /** Loads chalk only when colour will be used: start-up stays light when piped. */
  async init(): Promise<this> {
    if (this.color) {
      const { Chalk } = await import('chalk');
      const c = new Chalk({ level: 1 });
      this.paints = { red: c.red, yellow: c.yellow, green: c.green, grey: c.gray, blue: c.blue, bold: c.bold };
    }
    return this;
  }

  get paint() {
    return this.paints;
  }

  /** Writes one JSON document: `schemaVersion` first, field names never change meaning. */
  data(value: Record<string, unknown>): void {
    this.stdout.write(JSON.stringify({ schemaVersion, ...value }, null, 2) + '\n');
  }

  line(text = ''): void {
    this.stdout.write(text + '\n');
  }

  /** A table on a TTY (cli-table3); tab-separated lines when piped. */
  async table(head: string[], rows: string[][]): Promise<void> {
    if (!this.tty) {
      for (const r of rows) this.line(r.join('\t'));
      return;
    }
    const { default: Table } = await import('cli-table3');
    const t = new Table({ head: head.map((h) => this.paints.bold(h)), style: { head: [], border: this.color ? ['grey'] : [] } });
    t.push(...rows);
    this.line(t.toString());
  }

  /** Human diagnostics: always stderr, always with the code. */
  problem(p: Problem): void {
    const tag = p.severity === 'error' ? this.paints.red('error') : this.paints.yellow('warning');
    const where = p.where ? `${p.where}: ` : '';
    this.stderr.write(`${tag} ${p.code} ${where}${p.message}\n`);
  }

  error(code: string, message: string): void {
    this.problem({ code, severity: 'error', message });
  }

  /** Progress for people: stderr, only on a TTY. */
  progress(text: string): void {
    if (this.stderr.isTTY) this.stderr.write(text + '\n');
  }
}
