// TLS to a remote agent with a pinned certificate. roseha's certificates are self-signed (made by
// `roseha config init`), so no CA can vouch for them: the client checks the SHA-256 fingerprint of
// the certificate before it sends anything (the token included), like ssh's known_hosts.
//   1. --fingerprint / ROSEHA_FINGERPRINT: must match (and is then remembered in known_hosts);
//   2. otherwise the known_hosts entry for host:port: must match — a change is refused loudly;
//   3. otherwise (first use) refused with the fingerprint seen, unless ROSEHA_ACCEPT_NEW=1
//      (ssh's StrictHostKeyChecking=accept-new), which records it.
import type { TLSSocket } from 'node:tls';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { lazyBuiltin } from '../util/lazy-builtin.js';

// Only a remote agent needs them; `status` on a node must not pay for loading them.
const tls = lazyBuiltin<typeof import('node:tls')>('node:tls');
const net = lazyBuiltin<typeof import('node:net')>('node:net');
const os = lazyBuiltin<typeof import('node:os')>('node:os');

export interface PinPolicy {
  /** Expected fingerprint, `AB:CD:…` (normalised). */
  fingerprint?: string;
  /** known_hosts file; absent: none is read or written (the agent's own calls to its peer). */
  knownHostsFile?: string;
  /** Record an unknown host's fingerprint instead of refusing. */
  acceptNew?: boolean;
}

/** Where the CLI remembers fingerprints: ROSEHA_KNOWN_HOSTS, %APPDATA%\roseha, else ~/.config/roseha. */
export function defaultKnownHostsFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ROSEHA_KNOWN_HOSTS) return env.ROSEHA_KNOWN_HOSTS;
  if (platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'roseha', 'known_hosts');
  return join(env.XDG_CONFIG_HOME || join(env.HOME || os().homedir(), '.config'), 'roseha', 'known_hosts');
}

/** `host:port FINGERPRINT` lines; `#` starts a comment. */
export function readKnownHosts(file: string): Map<string, string> {
  const out = new Map<string, string>();
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [host, fp] = t.split(/\s+/);
    if (host && fp) out.set(host.toLowerCase(), fp.toUpperCase());
  }
  return out;
}

export function rememberHost(file: string, hostPort: string, fingerprint: string): void {
  const known = readKnownHosts(file);
  const key = hostPort.toLowerCase();
  if (known.get(key) === fingerprint) return;
  mkdirSync(dirname(file), { recursive: true });
  if (known.has(key)) {
    known.set(key, fingerprint);
    const body = [...known].map(([h, f]) => `${h} ${f}`).join('\n');
    writeFileSync(file, `# roseha known hosts: host:port SHA-256 fingerprint of the agent's API certificate\n${body}\n`, { mode: 0o600 });
  } else {
    appendFileSync(file, `${known.size === 0 ? '# roseha known hosts: host:port SHA-256 fingerprint of the agent\'s API certificate\n' : ''}${key} ${fingerprint}\n`, { mode: 0o600 });
  }
}

/** Connects, checks the certificate against the policy, and only then hands the socket over. */
export function connectPinned(host: string, port: number, policy: PinPolicy, timeoutMs: number): Promise<TLSSocket> {
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  return new Promise<TLSSocket>((resolve, reject) => {
    const socket = tls().connect({ host, port, rejectUnauthorized: false, ...(net().isIP(host) ? {} : { servername: host }), minVersion: 'TLSv1.2' });
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), timeoutMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new RosehaError('RHA-E2090', `cannot reach the agent at ${hostPort}: ${err.code ?? err.message}`, { exitCode: ExitCode.unreachable, cause: err }));
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const seen = socket.getPeerCertificate().fingerprint256?.toUpperCase() ?? '';
      const known = policy.knownHostsFile ? readKnownHosts(policy.knownHostsFile).get(hostPort.toLowerCase()) : undefined;
      const fail = (err: RosehaError) => {
        socket.destroy();
        reject(err);
      };
      if (policy.fingerprint) {
        if (seen !== policy.fingerprint) {
          return fail(new RosehaError('RHA-E5203', `the certificate of ${hostPort} has fingerprint ${seen}, not the expected ${policy.fingerprint}: refusing to send the token (another machine may be answering)`, { exitCode: ExitCode.unreachable }));
        }
        if (policy.knownHostsFile) rememberHost(policy.knownHostsFile, hostPort, seen);
        return resolve(socket);
      }
      if (known) {
        if (seen !== known) {
          return fail(new RosehaError('RHA-E5203', `the certificate of ${hostPort} changed: ${policy.knownHostsFile} has ${known}, the agent shows ${seen}; if the certificate was replaced on purpose, pass --fingerprint ${seen}`, { exitCode: ExitCode.unreachable }));
        }
        return resolve(socket);
      }
      if (policy.acceptNew && policy.knownHostsFile) {
        rememberHost(policy.knownHostsFile, hostPort, seen);
        return resolve(socket);
      }
      fail(new RosehaError('RHA-E5204', `${hostPort} is not a known host; its certificate's SHA-256 fingerprint is ${seen}. Compare it with the one \`roseha config init\` printed on the node (or \`openssl x509 -noout -fingerprint -sha256 -in api.crt\`), then pass --fingerprint ${seen} once (it is remembered), or set ROSEHA_ACCEPT_NEW=1`, { exitCode: ExitCode.unreachable, details: { fingerprint: seen } }));
    });
  });
}
