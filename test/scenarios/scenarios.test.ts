// Scenario files, in the manner of Pacemaker's cts/scheduler: NAME.json holds a description, a
// decide() input and the memory it was called with; NAME.expected.json the plan in readable form.
// After a deliberate change of behaviour, regenerate with ROSEHA_UPDATE_SCENARIOS=1 and review the diff.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decide, initialMemory, type CoreMemory, type DecisionInput } from '../../src/core/decide.js';
import { show } from '../core/fixtures.js';

const dir = fileURLToPath(new URL('.', import.meta.url));
const update = process.env.ROSEHA_UPDATE_SCENARIOS === '1';
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

describe('decide() scenario files', () => {
  it('there are scenarios to run', () => expect(names.length).toBeGreaterThanOrEqual(5));

  for (const name of names) {
    const scenario = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { description: string; input: DecisionInput; memory: CoreMemory | null };
    it(`${name}: ${scenario.description}`, () => {
      const { plan } = decide(scenario.input, scenario.memory ?? initialMemory);
      const got = { actions: plan.actions.map(show), role: plan.role, peer: plan.peer, publish: plan.publish };
      const file = join(dir, `${name}.expected.json`);
      if (update) writeFileSync(file, JSON.stringify(got, null, 2) + '\n');
      expect(got).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});
