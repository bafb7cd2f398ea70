// The commented starter file written by `roseha config init`. Values are written with
// JSON.stringify, whose strings are valid TOML basic strings, so nothing typed can break the file.
import type { TimingProfile } from './timing.js';

export interface StarterNode {
  name: string;
  private: string;
  public: string;
}

export interface StarterAnswers {
  clusterName: string;
  language: 'en' | 'zh-CN';
  profile: TimingProfile;
  nodes: [StarterNode, StarterNode];
  gateway?: string | undefined;
  /** The disk heartbeat area: a raw partition, or a file on shared storage. */
  disk?: string | undefined;
  /** Virtual IPs with prefix length (10.0.0.100/24), all on `interface`. */
  vips: string[];
  interface: string;
  /** The group that carries the virtual IPs; the cluster name when not given. */
  group?: string | undefined;
  keyFile: string;
  platform: NodeJS.Platform;
}

const q = (s: string) => JSON.stringify(s);
/** `key = value` with the comment aligned in one column, as a person would write it. */
const kv = (key: string, value: string, comment?: string) => {
  const line = `${key} = ${value}`;
  return comment ? `${line.padEnd(36)} # ${comment}` : line;
};

export function renderStarterConfig(a: StarterAnswers): string {
  const win = a.platform === 'win32';
  const group = a.group ?? a.clusterName;
  const lines: string[] = [];
  const add = (...l: string[]) => lines.push(...l);

  add(
    '# roseha configuration: the same file on both nodes.',
    '# Check it with `roseha config validate`; every key is described in the README.',
    '',
    '# Bumped on every change; the agents keep the highest generation.',
    'generation = 1',
    '',
    '[cluster]',
    `name = ${q(a.clusterName)}`,
    '# 32 random bytes shared by both nodes: copy this file to the other node (keep it private).',
    `key_file = ${q(a.keyFile)}`,
    kv('language', q(a.language), '"en" or "zh-CN"'),
    '',
    '[timing]',
    '# "fast" (100 ms x 3), "balanced" (200 ms x 5) or "safe" (1 s x 10);',
    '# or set heartbeat_ms and dead_after_ms yourself (dead_after_ms >= 3 x heartbeat_ms).',
    `profile = ${q(a.profile)}`,
    '',
  );
  for (const n of a.nodes) {
    add('[[node]]', `name = ${q(n.name)}`, kv('private', q(n.private), 'heartbeat network'), kv('public', q(n.public), 'client network'), '');
  }
  add('[heartbeat]', 'port = 7411');
  if (a.gateway) add(kv('gateway', q(a.gateway), 'reaching it means the public network is healthy'));
  else add(`# ${kv('gateway', '"10.0.0.1"', "the public network's router: without it a cut-off node keeps its groups")}`);
  const diskExample = win ? '\\\\.\\PhysicalDrive2' : '/dev/sdb1';
  add('# A small raw partition (no file system) on the shared disk, or a file on shared storage.', '# Without it a network partition looks like a crash (split-brain risk).');
  if (a.disk) add(`disk = ${q(a.disk)}`);
  else add(`# disk = ${q(diskExample)}`);
  if (!win) add(`# ${kv('watchdog', '"/dev/watchdog"', 'resets a frozen node in time')}`);
  add('');

  if (a.vips.length > 0) {
    add(`[group.${group}]`, kv('nodes', `[${a.nodes.map((n) => q(n.name)).join(', ')}]`, 'order of preference'), kv('failback', '"manual"', 'or "auto", or "window 02-04"'), '');
    add(
      '# Resources start in the order written (volume, then ip, then services) and stop in reverse.',
      '# [[group.NAME.resource]]',
      '# name = "data"',
      '# type = "volume"',
      `# ${kv('disk', q(win ? '6000c29f3b5e...' : '/dev/sdc1'), win ? "the disk's UniqueId (Get-Disk | fl UniqueId)" : 'a block device')}`,
      `# mount = ${q(win ? 'E:' : '/srv/data')}`,
      '',
    );
    a.vips.forEach((vip, i) => {
      add('[[group.' + group + '.resource]]', `name = ${q(a.vips.length === 1 ? `${group}-ip` : `${group}-ip${i + 1}`)}`, 'type = "ip"', `address = ${q(vip)}`, `interface = ${q(a.interface)}`, '');
    });
    add('# [[group.NAME.resource]]', '# name = "db"', '# type = "service"', `# service = ${q(win ? 'MSSQLSERVER' : 'postgresql')}`, '');
  } else {
    add(
      '# A group: resources that run together on one node and fail over together.',
      `# [group.${group}]`,
      `# nodes = [${a.nodes.map((n) => q(n.name)).join(', ')}]`,
      '# failback = "manual"',
      '#',
      `# [[group.${group}.resource]]`,
      '# name = "vip"',
      '# type = "ip"',
      '# address = "10.0.0.100/24"',
      `# interface = ${q(a.interface)}`,
      '',
    );
  }
  add(
    '[alerts]',
    '# email = { smtp = "smtp.example.com:587", from = "ha@example.com", to = ["ops@example.com"] }',
    kv('eventlog', 'true', 'alerts also go to the system event log'),
    'sound = false',
    '',
  );
  return lines.join('\n');
}
