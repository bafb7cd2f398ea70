// Two loopback agents (test/helpers/loopback-cluster.ts) that also serve the remote API and the
// console over TLS with a token: each node's config gets an [api] section and the token,
// certificate and key files beside it, as `roseha config init` would make them.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import { makeLoopbackCluster, type LoopbackCluster, type NodeHandle } from '../helpers/loopback-cluster.js';
import { makeSelfSignedCertificate } from '../../src/agent/api/tls-cert.js';

export interface ConsoleCluster extends LoopbackCluster {
  token: string;
  apiPort: number;
  /** https://PUBLIC:PORT of the node. */
  origin(node: NodeHandle): string;
}

export function makeConsoleCluster(opts: { heartbeatMs?: number; deadAfterMs?: number } = {}): ConsoleCluster {
  const cluster = makeLoopbackCluster(opts);
  const token = randomBytes(24).toString('hex');
  const { cert, key } = makeSelfSignedCertificate({ cluster: 'lo', names: ['localhost'], addresses: [] });
  const publicOf = new Map<string, string>();
  let apiPort = 0;
  for (const node of cluster.nodes) {
    const text = readFileSync(node.config, 'utf8');
    const heartbeatPort = Number(/\[heartbeat\]\nport = (\d+)/.exec(text)![1]);
    apiPort = heartbeatPort + 1;
    const pub = new RegExp(`name = "${node.name}"\\nprivate = "[^"]+"\\npublic = "([^"]+)"`).exec(text)![1]!;
    publicOf.set(node.name, pub);
    writeFileSync(join(node.dir, 'api.token'), token + '\n', { mode: 0o600 });
    writeFileSync(join(node.dir, 'api.crt'), cert);
    writeFileSync(join(node.dir, 'api.key'), key, { mode: 0o600 });
    // "node": each agent listens on its own private and public addresses (two agents, one machine).
    appendFileSync(node.config, `\n[api]\nport = ${apiPort}\nbind = "node"\n`);
  }
  return Object.assign(cluster, {
    token,
    apiPort,
    origin: (node: NodeHandle) => `https://${publicOf.get(node.name)}:${apiPort}`,
  });
}

/** A plain HTTPS GET that accepts the self-signed certificate: status, content type and body. */
export function fetchInsecure(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { rejectUnauthorized: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
