// Two loopback agents set up for remote administration: the same config text on both nodes (but
// for the node-local state_dir), the API over TLS on each node's own addresses, one certificate and
// token for the cluster, and mail alerts to an SMTP server the test runs.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { ensureApiCredentials } from '../../src/agent/api/tls-cert.js';
import { makeLoopbackCluster, okScript, rosehaBin, type LoopbackCluster, type NodeHandle } from '../helpers/loopback-cluster.js';
import { loopbackNodeTables } from '../../src/lab/loopback-nodes.js';

export interface AdminCluster extends LoopbackCluster {
  apiPort: number;
  token: string;
  fingerprint: string;
  /** node-a's private address (the API listens there). */
  address(node: NodeHandle): string;
  /** Runs the CLI; never throws on a non-zero exit. */
  cli(args: string[], env?: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }>;
  configText(node: NodeHandle): string;
}

export function makeAdminCluster(opts: { smtpPort: number; throttleS?: number }): AdminCluster {
  const base = makeLoopbackCluster();
  const [a, b] = base.nodes;
  const first = readFileSync(a.config, 'utf8');
  const net = Number(/private = "127\.(\d+)\.1\.1"/.exec(first)![1]);
  const hbPort = Number(/\[heartbeat\]\nport = (\d+)/.exec(first)![1]);
  const apiPort = hbPort + 1;
  const creds = ensureApiCredentials(
    { cert: join(base.dir, 'api.crt'), key: join(base.dir, 'api.key'), token: join(base.dir, 'api.token') },
    { cluster: 'lo', names: ['node-a', 'node-b'], addresses: [] },
  );
  // One resource script path for both nodes (the config text must be the same): the worker's
  // ROSEHA_NODE picks the node's own marker folder, which the loopback helper's runs() reads.
  const wrapper = join(base.dir, 'web.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec "${okScript}" "$1" "${base.dir}/$ROSEHA_NODE/res"\n`);
  chmodSync(wrapper, 0o755);
  const text = (node: NodeHandle) => `generation = 1
[cluster]
name = "lo"
key_file = "${join(base.dir, 'cluster.key')}"
state_dir = "${join(node.dir, 'state')}"
[timing]
heartbeat_ms = ${base.heartbeatMs}
dead_after_ms = ${base.deadAfterMs}
${loopbackNodeTables(net)}[heartbeat]
port = ${hbPort}
gateway_check = "none"
[api]
port = ${apiPort}
bind = "node"
token_file = "${join(base.dir, 'api.token')}"
cert_file = "${join(base.dir, 'api.crt')}"
key_file = "${join(base.dir, 'api.key')}"
[alerts]
email = { smtp = "127.0.0.1:${opts.smtpPort}", from = "ha@lo.example", to = ["ops@lo.example"], tls = "none" }
throttle_s = ${opts.throttleS ?? 60}
[group.web]
nodes = ["node-a", "node-b"]
[[group.web.resource]]
name = "web-app"
type = "script"
path = "${wrapper}"
monitor_interval_ms = 200
`;
  for (const n of base.nodes) writeFileSync(n.config, text(n));
  const token = readFileSync(join(base.dir, 'api.token'), 'utf8').trim();
  return Object.assign(base, {
    apiPort,
    token,
    fingerprint: creds.fingerprint,
    address: (node: NodeHandle) => `127.${net}.1.${node === a ? 1 : node === b ? 2 : 0}`,
    configText: (node: NodeHandle) => readFileSync(node.config, 'utf8'),
    cli: (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [rosehaBin, ...args], { env: { ...process.env, NO_COLOR: '1', ROSEHA_KNOWN_HOSTS: join(base.dir, 'known_hosts'), ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
          const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
          resolve({ code, stdout, stderr });
        });
      }),
  });
}
