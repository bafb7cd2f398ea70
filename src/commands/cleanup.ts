import { defineCommand } from './types.js';
import { actAndReport, seg } from './act.js';

export default defineCommand({
  name: 'cleanup',
  summary: 'Clear the failure counts (and the failed mark) of a group, or of every group',
  args: [{ name: 'group', description: 'the group (default: every group)' }],
  acts: true,
  examples: ['roseha cleanup erp', 'roseha cleanup'],
  async run(ctx, [group], opts) {
    await actAndReport(ctx, group ? `/v1/groups/${seg(group)}/cleanup` : '/v1/cleanup', {}, opts);
  },
});
