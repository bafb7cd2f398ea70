import { describe, expect } from 'vitest';
import { rows } from './helpers/rows.js';
import { refused } from './helpers/fake-agent.js';

describe('roseha lock', () => {
  rows([
    {
      name: 'lock GROUP --reason: POST /v1/groups/erp/lock with the reason',
      argv: ['lock', 'erp', '--reason', 'month-end'],
      stub: (a) => a.on('POST', '/v1/groups/erp/lock', { accepted: true, plan: [], message: 'group erp locked: it will not be moved automatically' }, { reason: 'month-end' }),
      code: 0,
      stdout: /^group erp locked: it will not be moved automatically\n$/,
    },
    {
      name: '--dry-run is sent as dryRun and said so',
      argv: ['lock', 'erp', '--dry-run'],
      stub: (a) => a.on('POST', '/v1/groups/erp/lock', { accepted: false, plan: [], message: 'group erp locked' }, { dryRun: true }),
      code: 0,
      stdout: /^dry run: would do: group erp locked \(nothing changed\)\n$/,
    },
    {
      name: '--json: the answer with schemaVersion',
      argv: ['lock', 'erp', '--json'],
      stub: (a) => a.on('POST', '/v1/groups/erp/lock', { accepted: true, plan: [], message: 'group erp locked' }, {}),
      code: 0,
      stdout: (s) => expect(JSON.parse(s)).toEqual({ schemaVersion: 1, dryRun: false, accepted: true, plan: [], message: 'group erp locked' }),
    },
    {
      name: 'an unknown group: the agent\'s code, exit 2',
      argv: ['lock', 'nope'],
      stub: (a) => a.on('POST', '/v1/groups/nope/lock', Object.assign(refused('RHA-E2071', 'no group "nope"; the groups are erp'), { exitCode: 2 })),
      code: 2,
      stderr: /^error RHA-E2071 no group "nope"; the groups are erp\n$/,
    },
    {
      name: 'a group name is a path segment, escaped',
      argv: ['lock', 'a/b'],
      stub: (a) => a.on('POST', '/v1/groups/a%2Fb/lock', { accepted: true, plan: [], message: 'ok' }),
      code: 0,
    },
  ]);
});
