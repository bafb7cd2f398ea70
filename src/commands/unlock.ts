import { defineCommand } from './types.js';
import { actAndReport, seg } from './act.js';

export default defineCommand({
  name: 'unlock',
  summary: 'Allow automatic failover of a group again (a pin left by `move --pin` stays: see `roseha clear`)',
  args: [{ name: 'group', description: 'the group to unlock', required: true }],
  acts: true,
  examples: ['roseha unlock erp'],
  async run(ctx, [group], opts) {
    await actAndReport(ctx, `/v1/groups/${seg(group!)}/unlock`, {}, opts);
  },
});
