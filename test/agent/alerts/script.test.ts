// The user's alert script, run for real: argv and the alert as JSON in the environment, no shell.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExecaRunner } from '../../../src/platform/execa-runner.js';
import { scriptChannel } from '../../../src/agent/alerts/script.js';

const dir = mkdtempSync(join(tmpdir(), 'roseha-alert-script-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform === 'win32')('alert script', () => {
  it('gets [code, severity, group] and ROSEHA_ALERT; a hostile group name stays data', async () => {
    const out = join(dir, 'out.json');
    const script = join(dir, 'alert.sh');
    writeFileSync(script, `#!/bin/sh\nnode -e 'require("fs").writeFileSync(process.argv[1], JSON.stringify({argv: process.argv.slice(2), alert: JSON.parse(process.env.ROSEHA_ALERT)}))' "${out}" "$@"\n`);
    chmodSync(script, 0o755);
    const pwned = join(dir, 'pwned');
    const group = `$(touch ${pwned})`;
    const detail = await scriptChannel({ runner: createExecaRunner(), path: script }).send({
      cluster: 'erp', node: 'node-b', code: 'RHA-E2112', severity: 'error', message: 'group failed; `touch x`', at: '2026-01-01T00:00:00.000Z', group,
    });
    expect(detail).toBe(`ran ${script}`);
    const got = JSON.parse(readFileSync(out, 'utf8'));
    expect(got.argv).toEqual(['RHA-E2112', 'error', group]);
    expect(got.alert).toMatchObject({ node: 'node-b', code: 'RHA-E2112', group });
    expect(existsSync(pwned)).toBe(false);
  });

  it('a failing script is a W5220 failure with its output', async () => {
    const script = join(dir, 'fail.sh');
    writeFileSync(script, '#!/bin/sh\necho "mail relay down" >&2\nexit 3\n');
    chmodSync(script, 0o755);
    await expect(scriptChannel({ runner: createExecaRunner(), path: script }).send({ cluster: 'c', node: 'n', code: 'RHA-W2041', severity: 'warning', message: 'm', at: 'now' })).rejects.toMatchObject({ code: 'RHA-W5220', message: expect.stringContaining('mail relay down') });
  });
});
