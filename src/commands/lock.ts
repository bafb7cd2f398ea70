import { defineCommand } from './types.js';
import { actAndReport, seg } from './act.js';

export default defineCommand({
  name: 'lock',
  summary: 'Forbid automatic failover of a group: it stays where it is whatever happens (status says why)',
  args: [{ name: 'group', description: 'the group to lock', required: true }],
  options: [{ flags: '--reason <text>', description: 'why (shown in status and the log)' }],
  acts: true,
  examples: ['roseha lock erp --reason "month-end close"', 'roseha lock erp --dry-run'],
  async run(ctx, [group], opts) {
    await actAndReport(ctx, `/v1/groups/${seg(group!)}/lock`, typeof opts.reason === 'string' ? { reason: opts.reason } : {}, opts);
  },
});
