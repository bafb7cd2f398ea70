import { describe } from 'vitest';
import { rows } from './helpers/rows.js';
import { refused } from './helpers/fake-agent.js';

describe('roseha node standby', () => {
  rows([
    {
      name: 'standby NODE --dry-run: the plan per node with the exact commands',
      argv: ['node', 'standby', 'node-a', '--dry-run'],
      stub: (a) =>
        a.on(
          'POST',
          '/v1/nodes/node-a/standby',
          {
            accepted: false,
            message: 'node-a in standby: moving erp away',
            plan: [
              { node: 'node-a', step: 'stop script web-app', commands: ['/opt/ok.sh stop'] },
              { node: 'node-b', step: 'start script web-app', commands: ['/opt/ok.sh start'] },
            ],
          },
          { dryRun: true },
        ),
      code: 0,
      stdout: /^dry run: would do: node-a in standby: moving erp away \(nothing changed\)\n  node-a  stop script web-app\n      \$ \/opt\/ok.sh stop\n  node-b  start script web-app\n      \$ \/opt\/ok.sh start\n$/,
    },
    {
      name: 'refused when the other node is down: exit 5 with the code',
      argv: ['node', 'standby', 'node-a'],
      stub: (a) => a.on('POST', '/v1/nodes/node-a/standby', refused('RHA-E2078', 'node-a runs erp and the other node is not alive: draining would stop the service')),
      code: 5,
      stderr: /^error RHA-E2078 node-a runs erp/,
    },
  ]);
});
