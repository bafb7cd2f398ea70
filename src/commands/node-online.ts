import { defineCommand } from './types.js';
import { actAndReport, seg } from './act.js';

export default defineCommand({
  name: 'node online',
  summary: 'Bring a drained node back: it may run groups again (failback follows each group\'s setting)',
  args: [{ name: 'node', description: 'the node to bring back', required: true }],
  acts: true,
  examples: ['roseha node online node-a'],
  async run(ctx, [node], opts) {
    await actAndReport(ctx, `/v1/nodes/${seg(node!)}/online`, {}, opts);
  },
});
