import { defineCommand } from './types.js';
import { actAndReport } from './act.js';

export default defineCommand({
  name: 'maintenance',
  summary: 'Stop managing the cluster (no start, stop or failover; resources left as they are), or resume',
  args: [{ name: 'state', description: 'on or off', required: true, choices: ['on', 'off'] }],
  acts: true,
  examples: ['roseha maintenance on', 'roseha maintenance off'],
  async run(ctx, [state], opts) {
    // commander checks choices for options only: an argument is checked here.
    if (state !== 'on' && state !== 'off') {
      const { RosehaError } = await import('../errors.js');
      throw new RosehaError('RHA-E5002', `maintenance takes on or off, not "${state}"`, { exitCode: 2 });
    }
    await actAndReport(ctx, '/v1/maintenance', { on: state === 'on' }, opts);
  },
});
