// The remote API's identity: a self-signed certificate and an API token, both made by
// `roseha config init` next to the config and copied to the other node with the cluster key.
// One certificate for the cluster means one fingerprint to pin, from a third machine and between
// the nodes. (Generation is in tls-cert.ts, so that the CLI's client does not load node-forge.)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { RosehaError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { lazyBuiltin } from '../../util/lazy-builtin.js';

// The CLI's client reads a fingerprint only for --host: node:crypto stays out of a local `status`.
const crypto = lazyBuiltin<typeof import('node:crypto')>('node:crypto');

/** SHA-256 of the certificate's DER, as `AB:CD:…` (what Node, openssl and browsers print). */
export function certificateFingerprint(pem: string): string {
  return new (crypto().X509Certificate)(pem).fingerprint256;
}

/**
 * Normalises a fingerprint as an operator may paste it: `sha256:ab:cd…`, `AB CD …`, or 64 hex
 * digits (certutil, Get-PfxCertificate give them without colons). Null when it is not one.
 */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.trim().replace(/^sha-?256[:=]?/i, '').replace(/[\s:]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

/** Where the API files are: relative paths are relative to the config file's folder. */
export function apiPaths(configFile: string, api: { cert_file: string; key_file: string; token_file: string }) {
  const dir = dirname(resolve(configFile));
  const abs = (p: string) => (isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) ? p : resolve(dir, p));
  return { cert: abs(api.cert_file), key: abs(api.key_file), token: abs(api.token_file) };
}

export interface ApiCredentials {
  cert: string;
  key: string;
  token: string;
  fingerprint: string;
}

/** Reads what the TLS listener needs; null when the token file is absent (remote API off). */
export function readApiCredentials(paths: { cert: string; key: string; token: string }): ApiCredentials | null {
  if (!existsSync(paths.token)) return null;
  const token = readFileSync(paths.token, 'utf8').trim();
  if (token.length < 16) throw new RosehaError('RHA-E5201', `${paths.token} holds no usable API token (at least 16 characters)`, { exitCode: ExitCode.error });
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(paths.cert, 'utf8');
    key = readFileSync(paths.key, 'utf8');
  } catch (err) {
    throw new RosehaError('RHA-E5202', `the API token exists but the TLS certificate or key cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): the API is never served without TLS; run \`roseha config init\` again or copy api.crt and api.key from the other node`);
  }
  return { cert, key, token, fingerprint: certificateFingerprint(cert) };
}

/** The addresses to listen on: api.bind, or with "node" this node's own private and public addresses. */
export function listenHosts(bind: string, me: { private: string; public: string }): string[] {
  return bind === 'node' ? [...new Set([me.private, me.public])] : [bind];
}

export interface PeerCaller {
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
}

/**
 * The peer's API as this agent reaches it: over the private network, then the public one, with the
 * shared token and the cluster's own certificate pinned (both nodes hold the same api.crt).
 */
export function peerCaller(peer: { private: string; public: string }, port: number, creds: ApiCredentials, timeoutMs = 3000): PeerCaller {
  return {
    async call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
      const { AgentClient } = await import('../../client/index.js');
      let last: unknown;
      for (const address of [...new Set([peer.private, peer.public])]) {
        const client = new AgentClient({ host: `${address}:${port}`, token: creds.token, pin: { fingerprint: creds.fingerprint }, timeoutMs });
        try {
          return await client.call<T>(method, path, body);
        } catch (err) {
          last = err;
          // Only "not reachable there" tries the other network; an answer (even a refusal) is final.
          if (!(err instanceof RosehaError) || err.exitCode !== ExitCode.unreachable || err.code === 'RHA-E5203') throw err;
        }
      }
      throw last;
    },
  };
}
