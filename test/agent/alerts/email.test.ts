// Mail through nodemailer to a real SMTP server (smtp-server) listening on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp } from './smtp.js';
import { AlertDispatcher } from '../../../src/agent/alerts/dispatcher.js';
import { emailChannel } from '../../../src/agent/alerts/email.js';
import type { AgentEvent } from '../../../src/core/status.js';

const logs: string[] = [];
const log = { info: (_o: object, m: string) => logs.push(m), warn: (_o: object, m: string) => logs.push(m) };

describe('email alerts', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp.close());

  it('a takeover mail names the node and the group; a flapping group sends one mail then one summary', async () => {
    let now = 0;
    const d = new AlertDispatcher({
      cluster: 'erp',
      node: 'node-b',
      throttleS: 60,
      channels: [emailChannel({ smtp: `127.0.0.1:${smtp.port}`, from: 'ha@example.com', to: ['ops@example.com'], tls: 'none' })],
      log,
      now: () => now,
      title: (c) => (c === 'RHA-I2101' ? 'Group active' : undefined),
    });
    const e: AgentEvent = { id: 1, at: '2026-01-01T00:00:00.000Z', node: 'node-b', code: 'RHA-I2101', severity: 'info', message: 'group web active on node-b after 12 ms (takeover)', group: 'web' };
    for (let i = 0; i < 50; i++) d.onEvent({ ...e, id: i + 1 });
    await d.idle();
    expect(smtp.mails).toHaveLength(1);
    const m = smtp.mails[0]!;
    expect(m.to).toEqual(['ops@example.com']);
    expect(m.subject).toMatch(/node-b.*RHA-I2101.*\[web\]/);
    expect(m.body).toContain('Group:   web');
    expect(m.body).toContain('Node:    node-b');
    now = 61_000;
    d.flushSummaries();
    await d.idle();
    expect(smtp.mails).toHaveLength(2);
    expect(smtp.mails[1]!.subject).toMatch(/49 more RHA-I2101 \[web\] alerts held back in 60 s/);
  });

  it('an unreachable SMTP server is a logged failure with a code, not an exception', async () => {
    const d = new AlertDispatcher({
      cluster: 'erp',
      node: 'node-a',
      throttleS: 0,
      channels: [emailChannel({ smtp: '127.0.0.1:1', from: 'ha@example.com', to: ['ops@example.com'], tls: 'none' })],
      log,
    });
    const [r] = await d.test('test');
    expect(r).toMatchObject({ channel: 'email', ok: false });
    expect(r!.detail).toMatch(/^RHA-W5220 /);
    expect(logs.some((l) => l.includes('not sent by email'))).toBe(true);
  });
});
