import { describe } from 'vitest';
import { rows } from './helpers/rows.js';

describe('roseha unlock', () => {
  rows([
    {
      name: 'unlock GROUP: POST /v1/groups/erp/unlock',
      argv: ['unlock', 'erp'],
      stub: (a) => a.on('POST', '/v1/groups/erp/unlock', { accepted: true, plan: [], message: 'group erp unlocked' }, {}),
      code: 0,
      stdout: /^group erp unlocked\n$/,
    },
    {
      name: 'a pinned group: the hint says how to lift the pin',
      argv: ['unlock', 'erp'],
      stub: (a) =>
        a.on('POST', '/v1/groups/erp/unlock', { accepted: true, plan: [], message: 'group erp unlocked', hints: ['erp is pinned (to node-b): `roseha clear erp` lifts the pin'] }),
      code: 0,
      stdout: /group erp unlocked\nhint: erp is pinned \(to node-b\): `roseha clear erp` lifts the pin\n/,
    },
  ]);
});
