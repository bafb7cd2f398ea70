import { describe, expect, it } from 'vitest';
import { applyIntent, emptyIntents, listIntents, mergeIntents } from '../../src/core/intents.js';

const stamp = { by: 'admin', at: '2026-11-24T10:00:00.000Z' };

describe('cluster intents', () => {
  it('each change makes a new revision and leaves the old copy alone', () => {
    const a0 = emptyIntents('node-a');
    const a1 = applyIntent(a0, { kind: 'lock', group: 'erp', reason: 'patching' }, 'node-a', stamp);
    expect(a1.rev).toBe(1);
    expect(a1.locks.erp).toEqual({ ...stamp, reason: 'patching' });
    expect(a0.locks).toEqual({});
    const a2 = applyIntent(a1, { kind: 'unlock', group: 'erp' }, 'node-a', stamp);
    expect(a2.locks).toEqual({});
    expect(a2.rev).toBe(2);
  });

  it('the higher revision wins on both sides', () => {
    const base = emptyIntents('node-a');
    const onB = applyIntent(base, { kind: 'standby', node: 'node-b' }, 'node-b', stamp);
    expect(mergeIntents(base, onB)).toBe(onB);
    expect(mergeIntents(onB, base)).toBe(onB);
  });

  it('a tie (both changed during a partition) resolves to the lower node name on both sides', () => {
    const base = emptyIntents('node-a');
    const fromA = applyIntent(base, { kind: 'lock', group: 'erp' }, 'node-a', stamp);
    const fromB = applyIntent(base, { kind: 'maintenance', on: true }, 'node-b', stamp);
    expect(mergeIntents(fromA, fromB)).toBe(fromA);
    expect(mergeIntents(fromB, fromA)).toBe(fromA);
  });

  it('status lists every lock, pin, move, standby and maintenance flag with who and when', () => {
    let i = emptyIntents('node-a');
    i = applyIntent(i, { kind: 'lock', group: 'erp' }, 'node-a', stamp);
    i = applyIntent(i, { kind: 'move', group: 'web', to: 'node-b', pin: true }, 'node-a', stamp);
    i = applyIntent(i, { kind: 'move', group: 'db', to: 'node-a', pin: false }, 'node-a', stamp);
    i = applyIntent(i, { kind: 'standby', node: 'node-b' }, 'node-a', stamp);
    i = applyIntent(i, { kind: 'maintenance', on: true }, 'node-a', stamp);
    expect(listIntents(i).map((x) => `${x.kind}:${x.target}`)).toEqual(['maintenance:cluster', 'standby:node-b', 'lock:erp', 'pin:web', 'move:db']);
    expect(listIntents(i).every((x) => x.by === 'admin' && x.at === stamp.at)).toBe(true);
  });
});
