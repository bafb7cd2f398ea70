// planRequest: what each operator request changes, what it refuses (code, exit 5) and the plan it
// announces; withCommands: the exact OS commands of each step, from the dry-run runner.
import { describe, expect, it } from 'vitest';
import { planRequest, readableCommand, withCommands } from '../../src/agent/operator.js';
import { loadConfigOrThrow } from '../../src/config/load.js';
import { driversFor } from '../../src/actions/index.js';
import type { ActionRequest } from '../../src/agent/api/routes.js';
import type { StatusReport } from '../../src/core/status.js';
import { exampleConfig } from '../cli/run-main.js';
import { status } from '../commands/helpers/fake-agent.js';

const { config } = loadConfigOrThrow(exampleConfig);
const by = 'local';
const plan = (req: ActionRequest, s: StatusReport = status()) => planRequest(req, { config, self: 'node-a', status: s });
const peer = (over: Partial<StatusReport['nodes'][number]>) => {
  const s = status();
  s.nodes[1] = { ...s.nodes[1]!, ...over };
  return s;
};

describe('planRequest', () => {
  it('move: stop in reverse on the active node, start in order on the other; transient unless pinned', () => {
    const { change, response } = plan({ kind: 'move', group: 'erp', by });
    expect(change).toEqual({ kind: 'move', group: 'erp', to: 'node-b', pin: false });
    expect(response).toMatchObject({ accepted: true, group: 'erp', from: 'node-a', to: 'node-b' });
    expect(response.plan.map((p) => `${p.node} ${p.step}`)).toEqual([
      'node-a stop service erp-db',
      'node-a stop ip erp-ip',
      'node-a stop volume erp-data',
      'node-b start volume erp-data',
      'node-b start ip erp-ip',
      'node-b start service erp-db',
    ]);
    expect(response.hints).toBeUndefined();
    const pinned = plan({ kind: 'move', group: 'erp', pin: true, by });
    expect(pinned.change).toMatchObject({ pin: true });
    expect(pinned.response.hints).toEqual(['erp is pinned (to node-b): `roseha clear erp` lifts the pin']);
  });

  it.each<[string, ActionRequest, StatusReport, string, number]>([
    ['unknown group', { kind: 'move', group: 'nope', by }, status(), 'RHA-E2071', 2],
    ['unknown node', { kind: 'move', group: 'erp', node: 'node-z', by }, status(), 'RHA-E2072', 2],
    ['maintenance', { kind: 'move', group: 'erp', by }, status({ maintenance: true }), 'RHA-E2074', 5],
    ['target dead', { kind: 'move', group: 'erp', by }, peer({ alive: false }), 'RHA-E2075', 5],
    ['target in standby', { kind: 'move', group: 'erp', by }, peer({ standby: true }), 'RHA-E2076', 5],
    ['target storage broken (the group has a volume)', { kind: 'move', group: 'erp', by }, peer({ storageOk: false }), 'RHA-E2077', 5],
    ['group mid-transition', { kind: 'move', group: 'erp', by }, status({ active: null, phases: { 'node-a': 'stopping', 'node-b': 'stopped' } }), 'RHA-E5001', 5],
    ['drain with the peer dead', { kind: 'standby', node: 'node-a', by }, peer({ alive: false }), 'RHA-E2078', 5],
    ['drain in maintenance', { kind: 'standby', node: 'node-a', by }, status({ maintenance: true }), 'RHA-E2074', 5],
  ])('refuses: %s (%s)', (_name, req, s, code, exitCode) => {
    expect(() => plan(req, s)).toThrow(expect.objectContaining({ code, exitCode }));
  });

  it('standby: the groups it runs move away, step by step', () => {
    const { change, response } = plan({ kind: 'standby', node: 'node-a', by });
    expect(change).toEqual({ kind: 'standby', node: 'node-a' });
    expect(response.message).toBe('node-a in standby: moving erp away');
    expect(response.plan.at(0)).toEqual({ node: 'node-a', step: 'stop service erp-db' });
    expect(response.plan.at(-1)).toEqual({ node: 'node-b', step: 'start service erp-db' });
  });

  it('no-ops change nothing and say so; unlock of a pinned group tells how to clear the pin', () => {
    expect(plan({ kind: 'online', node: 'node-b', by }).change).toBeNull();
    expect(plan({ kind: 'maintenance', on: false, by }).change).toBeNull();
    expect(plan({ kind: 'clear', group: 'erp', by }).response.message).toBe('group erp has no move or pin to clear');
    const s = status({ intents: [
      { kind: 'lock', target: 'erp', by, at: 'x' },
      { kind: 'pin', target: 'erp', detail: 'to node-b', by, at: 'x' },
    ] });
    const u = plan({ kind: 'unlock', group: 'erp', by }, s);
    expect(u.change).toEqual({ kind: 'unlock', group: 'erp' });
    expect(u.response.hints).toEqual(['erp is pinned (to node-b): `roseha clear erp` lifts the pin']);
    expect(plan({ kind: 'clear', group: 'erp', by }, s).change).toEqual({ kind: 'clear-move', group: 'erp' });
  });

  it('dry run: accepted is false', () => {
    expect(plan({ kind: 'lock', group: 'erp', dryRun: true, by }).response.accepted).toBe(false);
  });
});

describe('withCommands', () => {
  it('Linux: each step gets its node\'s exact commands', async () => {
    const req: ActionRequest = { kind: 'move', group: 'erp', dryRun: true, by };
    const { response } = plan(req);
    const res = await withCommands(response, config, req, { platform: 'linux', drivers: await driversFor('linux') });
    const by_ = (step: string) => res.plan.find((p) => p.step === step)!.commands;
    expect(by_('stop ip erp-ip')).toEqual(['ip addr del 10.0.0.100/24 dev Ethernet0']);
    expect(by_('start volume erp-data')).toEqual(['blockdev --setrw 6000c29f3b5e0a1b2c3d4e5f60718293', 'mount 6000c29f3b5e0a1b2c3d4e5f60718293 E:']);
    expect(by_('start service erp-db')).toEqual(['systemctl start MSSQLSERVER']);
  });

  it('Windows: the PowerShell call shown by script name and summary, arguments as JSON', async () => {
    const req: ActionRequest = { kind: 'standby', node: 'node-a', dryRun: true, by };
    const { response } = plan(req);
    const res = await withCommands(response, config, req, { platform: 'windows', drivers: await driversFor('windows') });
    const start = res.plan.find((p) => p.step === 'start ip erp-ip')!.commands!;
    expect(start).toHaveLength(1);
    expect(start[0]).toMatch(/^powershell\.exe \[ip-add\] New-NetIPAddress .* ROSEHA_ARGS=\{"address":"10\.0\.0\.100","prefixLength":24,"interface":"Ethernet0"/);
    expect(await readableCommand('ip addr add 10.0.0.1/24 dev eth0')).toBe('ip addr add 10.0.0.1/24 dev eth0');
  });
});
