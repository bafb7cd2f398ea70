#!/usr/bin/env node
// The lab's service: answers every connection with its node name and a newline, then closes, so
// the client sees who answered. Plain JavaScript without dependencies: it runs inside a lab
// namespace under `node` directly, started by roseha's process resource or by the keepalived bench.
// Usage: tcp-server.mjs --name node-a [--host 0.0.0.0] [--port 8080]
import { createServer } from 'node:net';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const name = opt('name', 'unknown');
const host = opt('host', '0.0.0.0');
const port = Number(opt('port', '8080'));

const server = createServer((socket) => {
  socket.on('error', () => socket.destroy());
  socket.end(`${name}\n`);
});
server.on('error', (err) => {
  process.stderr.write(`tcp-server ${name}: ${err.message}\n`);
  process.exit(1);
});
server.listen({ host, port, backlog: 1024 }, () => process.stdout.write(`tcp-server ${name} listening on ${host}:${port}\n`));
// Leave at once: the client connects every few ms, so waiting for connections to drain would make
// every stop last the agent's whole grace period.
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
