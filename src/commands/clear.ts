import { defineCommand } from './types.js';
import { actAndReport, seg } from './act.js';

export default defineCommand({
  name: 'clear',
  summary: 'Lift the pin (or a pending move) of a group: placement follows the preference order again (pcs resource clear)',
  args: [{ name: 'group', description: 'the group whose move constraint goes', required: true }],
  acts: true,
  examples: ['roseha clear erp'],
  async run(ctx, [group], opts) {
    await actAndReport(ctx, `/v1/groups/${seg(group!)}/clear`, {}, opts);
  },
});
