import { expect, it } from 'vitest';
import { redactSecrets, redacted, isSecretKey } from '../../src/config/redact.js';

it('hides secret values, keeps paths to secrets and everything else', () => {
  const input = {
    cluster: { key_file: 'cluster.key' },
    alerts: { email: { user: 'ha', password_file: 'smtp.pw' } },
    group: { erp: { resource: [{ env: { DB_PASSWORD: 'hunter2', API_TOKEN: 'abc', HOME: '/srv' } }] } },
  };
  const out = redactSecrets(input);
  expect(out.group.erp.resource[0]!.env).toEqual({ DB_PASSWORD: redacted, API_TOKEN: redacted, HOME: '/srv' });
  expect(out.cluster.key_file).toBe('cluster.key');
  expect(out.alerts.email).toEqual({ user: 'ha', password_file: 'smtp.pw' });
  expect(input.group.erp.resource[0]!.env.DB_PASSWORD).toBe('hunter2');
});

it.each([
  ['password', true],
  ['SMTP_PASS', true],
  ['client_secret', true],
  ['token', true],
  ['token_file', false],
  ['name', false],
] as const)('isSecretKey(%s) = %s', (k, want) => expect(isSecretKey(k)).toBe(want));
