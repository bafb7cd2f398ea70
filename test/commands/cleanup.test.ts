import { describe } from 'vitest';
import { rows } from './helpers/rows.js';

describe('roseha cleanup', () => {
  rows([
    {
      name: 'cleanup GROUP: POST /v1/groups/erp/cleanup',
      argv: ['cleanup', 'erp'],
      stub: (a) => a.on('POST', '/v1/groups/erp/cleanup', { accepted: true, plan: [], message: 'failure counts cleared for erp' }, {}),
      code: 0,
      stdout: /^failure counts cleared for erp\n$/,
    },
    {
      name: 'cleanup: every group, POST /v1/cleanup',
      argv: ['cleanup'],
      stub: (a) => a.on('POST', '/v1/cleanup', { accepted: true, plan: [], message: 'failure counts cleared for every group' }, {}),
      code: 0,
      stdout: /every group/,
    },
  ]);
});
