import { describe } from 'vitest';
import { rows } from './helpers/rows.js';

describe('roseha maintenance', () => {
  rows([
    {
      name: 'on: POST /v1/maintenance {on: true}',
      argv: ['maintenance', 'on'],
      stub: (a) => a.on('POST', '/v1/maintenance', { accepted: true, plan: [], message: 'maintenance on' }, { on: true }),
      code: 0,
      stdout: /^maintenance on\n$/,
    },
    {
      name: 'off --dry-run: {on: false, dryRun: true}',
      argv: ['maintenance', 'off', '--dry-run'],
      stub: (a) => a.on('POST', '/v1/maintenance', { accepted: false, plan: [], message: 'maintenance off' }, { on: false, dryRun: true }),
      code: 0,
      stdout: /dry run: would do: maintenance off/,
    },
    {
      name: 'anything else: a usage error before any request',
      argv: ['maintenance', 'maybe'],
      stub: () => undefined,
      code: 2,
      stderr: /^error RHA-E5002 maintenance takes on or off, not "maybe"\n$/,
    },
  ]);
});
