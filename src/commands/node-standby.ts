import { defineCommand } from './types.js';
import { actAndReport, seg } from './act.js';

export default defineCommand({
  name: 'node standby',
  summary: 'Drain a node: its groups move to the other node and it takes none until `node online`',
  args: [{ name: 'node', description: 'the node to drain', required: true }],
  acts: true,
  examples: ['roseha node standby node-a', 'roseha node standby node-a --dry-run'],
  async run(ctx, [node], opts) {
    await actAndReport(ctx, `/v1/nodes/${seg(node!)}/standby`, {}, opts);
  },
});
