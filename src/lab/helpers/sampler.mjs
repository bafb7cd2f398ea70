#!/usr/bin/env node
// The split-brain checker's eye inside one node namespace. Every --interval ms it records whether
// (v) the VIP is on an interface that is UP: os.networkInterfaces() lists only interfaces that are
// IFF_UP and IFF_RUNNING (tried: a veth set down, or up without carrier, disappears from the list),
// so an address left on a dead interface does not count, as it answers nobody; and
// (m) the data volume is mounted by any process of this namespace. `ip netns exec` gives every
// command its own mount namespace (tried: a mount made by one `ip netns exec` shell is invisible in
// the root namespace and in a second `ip netns exec`, and visible in /proc/PID/mounts of the first
// shell's processes, which `ip netns pids` lists), so this reads /proc/PID/mounts once per distinct
// mount namespace among the processes whose network namespace is ours.
// Output: JSON lines {"t":…,"v":0|1,"m":0|1} to --out (CLOCK_MONOTONIC ms), first a {"type":"start"} line.
// Usage: sampler.mjs --node node-a --vip 10.99.0.100 --mount /run/…/data [--device /dev/loop3] --out FILE
import { networkInterfaces } from 'node:os';
import { openSync, writeSync, readdirSync, readlinkSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const all = (name) => args.flatMap((a, i) => (a === `--${name}` && i + 1 < args.length ? [args[i + 1]] : []));
const node = opt('node', '?');
const vip = opt('vip', '10.99.0.100');
const mounts = all('mount');
const devices = all('device');
const intervalMs = Number(opt('interval', '5'));
const out = opt('out', '-');
const fd = out === '-' ? 1 : openSync(out, 'a');
const now = () => Number(process.hrtime.bigint()) / 1e6;
const ownNet = readlinkSync('/proc/self/ns/net');

function vipUp() {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.address === vip) return 1;
  }
  return 0;
}

// pid -> {since, ours}. A process is re-read while it is young: `ip netns exec` starts in the root
// namespaces and enters ours (setns, then unshare of the mount namespace) a moment later. A process
// that is still elsewhere after youngMs is taken as not ours for good; ours are re-read every
// sample, since their mount namespace is the one thing we need and it may change.
const youngMs = 300;
const known = new Map();
function volumeMounted() {
  const t = now();
  const seen = new Set();
  const mntNamespaces = new Map(); // mnt ns id -> a pid in it
  for (const name of readdirSync('/proc')) {
    if (name.charCodeAt(0) > 57) continue; // not a pid
    const pid = Number(name);
    if (!pid) continue;
    seen.add(pid);
    let entry = known.get(pid);
    if (!entry) known.set(pid, (entry = { since: t, ours: true }));
    else if (!entry.ours && t - entry.since > youngMs) continue;
    try {
      entry.ours = readlinkSync(`/proc/${pid}/ns/net`) === ownNet;
      if (!entry.ours) continue;
      const mnt = readlinkSync(`/proc/${pid}/ns/mnt`);
      if (!mntNamespaces.has(mnt)) mntNamespaces.set(mnt, pid);
    } catch {
      // gone already
    }
  }
  for (const pid of known.keys()) if (!seen.has(pid)) known.delete(pid);
  for (const pid of mntNamespaces.values()) {
    let text;
    try {
      text = readFileSync(`/proc/${pid}/mounts`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const [source, target] = line.split(' ');
      if (target !== undefined && (mounts.includes(target) || devices.includes(source))) return 1;
    }
  }
  return 0;
}

writeSync(fd, JSON.stringify({ type: 'start', node, vip, mounts, devices, pid: process.pid, t: now() }) + '\n');
const timer = setInterval(() => {
  const t = now();
  writeSync(fd, `{"t":${t.toFixed(3)},"v":${vipUp()},"m":${mounts.length || devices.length ? volumeMounted() : 0}}\n`);
}, intervalMs);
const stop = () => {
  clearInterval(timer);
  writeSync(fd, JSON.stringify({ type: 'end', t: now() }) + '\n');
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
