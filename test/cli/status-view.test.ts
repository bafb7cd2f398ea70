// The people's view of a status report: what the table and the lines under it say.
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/cli/output.js';
import { renderStatus } from '../../src/cli/status-view.js';
import type { StatusReport } from '../../src/core/status.js';
import { status } from '../commands/helpers/fake-agent.js';
import { Capture } from './run-main.js';

async function render(s: StatusReport): Promise<string> {
  const stdout = new Capture(false);
  const out = await new Output({ stdout, stderr: new Capture(false), json: false, env: { NO_COLOR: '1' } }).init();
  await renderStatus(out, s);
  return stdout.text;
}

describe('status view', () => {
  it("names this node's armed watchdog and when it resets the node", async () => {
    const s = status();
    s.nodes[0]!.watchdog = { device: '/dev/watchdog', timeoutS: 10 };
    expect(await render(s)).toContain('node-a: watchdog /dev/watchdog armed, resets the node 10 s after its guardian stops');
    s.nodes[0]!.watchdog = { device: '/dev/watchdog1', timeoutS: null };
    expect(await render(s)).toMatch(/node-a: watchdog \/dev\/watchdog1 armed\n/);
  });

  it('says nothing of a watchdog where none is armed', async () => {
    expect(await render(status())).not.toMatch(/watchdog/);
  });
});
