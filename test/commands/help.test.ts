import { expect, it } from 'vitest';
import { runMain } from '../cli/run-main.js';
import { exitCodeHelp } from '../../src/exit-codes.js';

it('help exit-codes lists every exit code from src/exit-codes.ts', async () => {
  const r = await runMain(['help', 'exit-codes']);
  expect(r.code).toBe(0);
  for (const e of exitCodeHelp) expect(r.stdout).toMatch(new RegExp(`^  ${e.code} +${e.name} +`, 'm'));
  const j = JSON.parse((await runMain(['help', 'exit-codes', '--json'])).stdout);
  expect(j.exitCodes).toEqual(exitCodeHelp);
});

it('help COMMAND prints that command\'s usage, help alone the overview and the topics', async () => {
  const r = await runMain(['help', 'config', 'validate']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: roseha config validate/);
  const all = await runMain(['help']);
  expect(all.stdout).toMatch(/^Usage: roseha /);
  expect(all.stdout).toContain('roseha help exit-codes');
});

it('an unknown topic is a usage error with RHA-E1015', async () => {
  const r = await runMain(['help', 'nonsense']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error RHA-E1015 /);
});
