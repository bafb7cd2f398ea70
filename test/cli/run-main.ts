// Runs the CLI in-process with captured streams: fast, and the same code path as bin/roseha.
import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';

export class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(argv: string[], opts: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const stdout = new Capture(opts.tty ?? false);
  const stderr = new Capture(opts.tty ?? false);
  // LANG=C: messages in English whatever the machine's locale, unless a test says otherwise.
  const code = await main(argv, { stdout, stderr, env: { PATH: process.env.PATH, LANG: 'C', ...opts.env } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export const exampleConfig = new URL('../../examples/roseha.toml', import.meta.url).pathname;
