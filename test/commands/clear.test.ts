import { describe } from 'vitest';
import { rows } from './helpers/rows.js';

describe('roseha clear', () => {
  rows([
    {
      name: 'clear GROUP: POST /v1/groups/erp/clear',
      argv: ['clear', 'erp'],
      stub: (a) => a.on('POST', '/v1/groups/erp/clear', { accepted: true, plan: [], message: 'cleared the pin of erp (to node-b)' }, {}),
      code: 0,
      stdout: /^cleared the pin of erp \(to node-b\)\n$/,
    },
    {
      name: 'a GROUP is required (exit 2)',
      argv: ['clear'],
      stub: () => undefined,
      code: 2,
      stderr: /RHA-E1010 missing required argument 'group'/,
    },
  ]);
});
