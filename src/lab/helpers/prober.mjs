#!/usr/bin/env node
// The lab's client: opens a TCP connection to VIP:port every --interval ms (attempts overlap, each
// with its own short --timeout), expects "<node name>\n", and writes JSON lines to --out:
//   {"type":"start","t":…}                         once
//   {"type":"answer","t":…,"by":"node-b"}          when the answering node changes (and the first answer)
//   {"type":"fail","t":…}                          when an outage begins (its first failed attempt)
//   {"type":"outage","start":…,"end":…,"ms":…,"before":"node-a","after":"node-b","failures":N}
//   {"type":"stats","t":…,"attempts":N,"ok":N,"failed":N}   every second and at the end
//   {"type":"end","t":…,"ongoingOutageStart":…|null}        on SIGTERM/SIGINT
// Times are CLOCK_MONOTONIC in ms (process.hrtime), comparable with every other lab process.
// An attempt counts at its start time; results are settled in start order, so a late timeout of an
// earlier attempt cannot split or shorten an outage. An outage runs from the start of its first failed
// attempt to the start of the next successful one. Plain JavaScript: runs under `ip netns exec` as is.
import { connect } from 'node:net';
import { openSync, writeSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const host = opt('host', '10.99.0.100');
const port = Number(opt('port', '8080'));
const intervalMs = Number(opt('interval', '5'));
const timeoutMs = Number(opt('timeout', '100'));
const out = opt('out', '-');
const fd = out === '-' ? 1 : openSync(out, 'a');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const emit = (o) => writeSync(fd, JSON.stringify(o) + '\n');

let seq = 0;
let nextToSettle = 0;
const results = new Map(); // seq -> {t, by|null}
let lastBy = null;
let outage = null; // {start, failures, before}
let attempts = 0;
let ok = 0;
let failed = 0;

function settle() {
  while (results.has(nextToSettle)) {
    const r = results.get(nextToSettle);
    results.delete(nextToSettle);
    nextToSettle++;
    if (r.by === null) {
      failed++;
      if (!outage) {
        outage = { start: r.t, failures: 0, before: lastBy };
        emit({ type: 'fail', t: r.t });
      }
      outage.failures++;
    } else {
      ok++;
      if (outage) {
        emit({ type: 'outage', start: outage.start, end: r.t, ms: +(r.t - outage.start).toFixed(3), before: outage.before, after: r.by, failures: outage.failures });
        outage = null;
      }
      if (r.by !== lastBy) emit({ type: 'answer', t: r.t, by: r.by });
      lastBy = r.by;
    }
  }
}

function attempt() {
  const id = seq++;
  const t = now();
  attempts++;
  let data = '';
  let done = false;
  const finish = (by) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    socket.destroy();
    results.set(id, { t, by });
    settle();
  };
  const socket = connect({ host, port });
  const timer = setTimeout(() => finish(null), timeoutMs);
  socket.setEncoding('utf8');
  socket.on('data', (chunk) => {
    data += chunk;
    const nl = data.indexOf('\n');
    if (nl >= 0) finish(data.slice(0, nl).trim() || null);
  });
  socket.on('error', () => finish(null));
  socket.on('close', () => finish(null));
}

emit({ type: 'start', t: now(), host, port, intervalMs, timeoutMs, pid: process.pid });
const tick = setInterval(attempt, intervalMs);
const stats = setInterval(() => emit({ type: 'stats', t: now(), attempts, ok, failed }), 1000);
attempt();

function stop() {
  clearInterval(tick);
  clearInterval(stats);
  emit({ type: 'stats', t: now(), attempts, ok, failed });
  emit({ type: 'end', t: now(), ongoingOutageStart: outage ? outage.start : null, lastBy });
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
