// Where a remote target's token and pinned fingerprint come from.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientTarget } from '../../src/client/locate.js';
import { defaultKnownHostsFile } from '../../src/client/pinning.js';
import { ensureApiCredentials } from '../../src/agent/api/tls-cert.js';

const dir = mkdtempSync(join(tmpdir(), 'roseha-locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fp = 'ab'.repeat(32);
const FP = fp.toUpperCase().match(/../g)!.join(':');

describe('remote client target', () => {
  it('token and fingerprint from flags, then the environment', () => {
    const t = clientTarget({ host: 'node-a:7410', token: 'tok', fingerprint: fp }, { ROSEHA_CONFIG: join(dir, 'none.toml'), ROSEHA_KNOWN_HOSTS: join(dir, 'kh') });
    expect(t).toEqual({ host: 'node-a:7410', token: 'tok', pin: { fingerprint: FP, knownHostsFile: join(dir, 'kh'), acceptNew: false } });
    const e = clientTarget({ host: 'node-a:7410' }, { ROSEHA_CONFIG: join(dir, 'none.toml'), ROSEHA_TOKEN: 't2', ROSEHA_FINGERPRINT: `sha256:${fp}`, ROSEHA_ACCEPT_NEW: '1', HOME: dir });
    expect(e.token).toBe('t2');
    expect(e.pin).toMatchObject({ fingerprint: FP, acceptNew: true, knownHostsFile: join(dir, '.config', 'roseha', 'known_hosts') });
  });

  it('no token anywhere is a usage error; a malformed fingerprint too', () => {
    expect(() => clientTarget({ host: 'h:1' }, { ROSEHA_CONFIG: join(dir, 'none.toml') })).toThrow(expect.objectContaining({ code: 'RHA-E2092' }));
    expect(() => clientTarget({ host: 'h:1', token: 't', fingerprint: 'nope' }, { ROSEHA_CONFIG: join(dir, 'none.toml') })).toThrow(expect.objectContaining({ code: 'RHA-E5205' }));
  });

  it('on a node: this node\'s token file and its certificate (the cluster\'s) are used', () => {
    const creds = ensureApiCredentials({ cert: join(dir, 'api.crt'), key: join(dir, 'api.key'), token: join(dir, 'api.token') }, { cluster: 'lo', names: [], addresses: [] });
    const config = join(dir, 'roseha.toml');
    writeFileSync(config, '[cluster]\nname = "lo"\n');
    const t = clientTarget({ host: 'node-b:7410', config }, { HOME: dir });
    expect(t.token?.length).toBeGreaterThan(30);
    expect(t.pin?.fingerprint).toBe(creds.fingerprint);
  });

  it('known_hosts lives in %APPDATA% on Windows and under XDG_CONFIG_HOME elsewhere', () => {
    expect(defaultKnownHostsFile({ APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\op\\AppData\\Roaming', 'roseha', 'known_hosts'));
    expect(defaultKnownHostsFile({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/roseha/known_hosts');
  });
});
