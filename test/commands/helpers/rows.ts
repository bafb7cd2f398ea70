// Table-driven tests for the commands that act: argv → the request the agent gets, and what is printed.
import { afterEach, expect, it } from 'vitest';
import { runMain, type CliRun } from '../../cli/run-main.js';
import { FakeAgent } from './fake-agent.js';

export interface Row {
  name: string;
  argv: string[];
  /** Stubs the fake agent answers; anything else fails the command. */
  stub: (agent: FakeAgent) => void;
  code: number;
  stdout?: RegExp | ((out: string) => void);
  stderr?: RegExp;
}

let uninstall: (() => void) | undefined;
afterEach(() => {
  uninstall?.();
  uninstall = undefined;
});

export async function runWith(agent: FakeAgent, argv: string[]): Promise<CliRun> {
  uninstall = agent.install();
  try {
    return await runMain(argv);
  } finally {
    uninstall();
    uninstall = undefined;
  }
}

export function rows(table: Row[]): void {
  it.each(table.map((r) => [r.name, r] as const))('%s', async (_name, r) => {
    const agent = new FakeAgent();
    r.stub(agent);
    const out = await runWith(agent, r.argv);
    if (typeof r.stdout === 'function') r.stdout(out.stdout);
    else if (r.stdout) expect(out.stdout).toMatch(r.stdout);
    if (r.stderr) expect(out.stderr).toMatch(r.stderr);
    else expect(out.stderr).toBe('');
    expect(out.code).toBe(r.code);
    agent.verify();
  });
}
