// `roseha alert test`: through the agent (a real ApiServer on a socket, fake channels) and --local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../src/agent/api/server.js';
import type { AgentApi } from '../../src/agent/api/routes.js';
import { AlertDispatcher } from '../../src/agent/alerts/dispatcher.js';
import { RosehaError } from '../../src/errors.js';
import { runMain } from '../cli/run-main.js';
import { startSmtp } from '../agent/alerts/smtp.js';

const dir = mkdtempSync(join(tmpdir(), 'roseha-alert-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('roseha alert test', () => {
  let server: ApiServer;
  const sent: string[] = [];
  beforeAll(async () => {
    const alerts = new AlertDispatcher({
      cluster: 'lo',
      node: 'node-a',
      throttleS: 300,
      log: { info() {}, warn() {} },
      channels: [
        { name: 'email', send: async (a) => (sent.push(a.code), 'sent') },
        { name: 'sound', send: async () => { throw new RosehaError('RHA-W5221', 'no player'); } },
      ],
    });
    server = new ApiServer({ socketPath: join(dir, 's.sock'), api: { testAlerts: async ({ by, dryRun }: { by: string; dryRun: boolean }) => ({ channels: dryRun ? [] : await alerts.test(by) }) } as unknown as AgentApi });
    await server.start();
  });
  afterAll(() => server.stop());

  it('fires every channel through the agent, past the throttle; a failed channel makes exit 1', async () => {
    const r = await runMain(['--json', 'alert', 'test'], { env: { ROSEHA_SOCKET: join(dir, 's.sock') } });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.channels.map((c: { channel: string; ok: boolean }) => [c.channel, c.ok])).toEqual([['email', true], ['sound', false]]);
    expect(out.channels[1].detail).toContain('RHA-W5221');
    await runMain(['alert', 'test'], { env: { ROSEHA_SOCKET: join(dir, 's.sock') } });
    expect(sent).toEqual(['RHA-I5223', 'RHA-I5223']);
  });

  it('--local sends from the config file: a real mail to a test SMTP server', async () => {
    const smtp = await startSmtp();
    try {
      const config = join(dir, 'roseha.toml');
      writeFileSync(config, `[cluster]\nname = "lo"\n[[node]]\nname = "a"\nprivate = "10.0.0.1"\npublic = "10.0.1.1"\n[[node]]\nname = "b"\nprivate = "10.0.0.2"\npublic = "10.0.1.2"\n[alerts]\nemail = { smtp = "127.0.0.1:${smtp.port}", from = "ha@x.example", to = ["ops@x.example"], tls = "none" }\n`);
      const r = await runMain(['alert', 'test', '--local', '--config', config]);
      expect(r.code, r.stderr).toBe(0);
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.subject).toContain('TEST');
      expect(smtp.mails[0]!.body).toContain('roseha alert test');
      writeFileSync(config, `[cluster]\nname = "lo"\n[[node]]\nname = "a"\nprivate = "10.0.0.1"\npublic = "10.0.1.1"\n[[node]]\nname = "b"\nprivate = "10.0.0.2"\npublic = "10.0.1.2"\n`);
      const none = await runMain(['alert', 'test', '--local', '--config', config]);
      expect(none.code).toBe(5);
      expect(none.stderr).toContain('RHA-E5224');
    } finally {
      await smtp.close();
    }
  });
});
