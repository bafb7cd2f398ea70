import { describe } from 'vitest';
import { rows } from './helpers/rows.js';
import { RosehaError } from '../../src/errors.js';
import { ExitCode } from '../../src/exit-codes.js';

describe('roseha node online', () => {
  rows([
    {
      name: 'online NODE: POST /v1/nodes/node-a/online',
      argv: ['node', 'online', 'node-a'],
      stub: (a) => a.on('POST', '/v1/nodes/node-a/online', { accepted: true, plan: [], message: 'node-a back online' }, {}),
      code: 0,
      stdout: /^node-a back online\n$/,
    },
    {
      name: 'the agent unreachable: exit 4',
      argv: ['node', 'online', 'node-a'],
      stub: (a) => a.on('POST', '/v1/nodes/node-a/online', new RosehaError('RHA-E2090', 'cannot reach the agent at /var/lib/roseha/roseha.sock: ENOENT', { exitCode: ExitCode.unreachable })),
      code: 4,
      stderr: /^error RHA-E2090 cannot reach the agent/,
    },
  ]);
});
