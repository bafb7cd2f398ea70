// The TOML configuration's schema. Keys are snake_case as written in the file; the parsed
// result (Config) keeps them so that error paths match what the operator typed.
// zod/mini, not 'zod': the same schemas and parse(), but tree-shaken to ~50 KB instead of ~750 KB,
// which keeps `roseha config validate` near node's own start-up (bench/cli.mjs). Messages are
// built in load.ts from the issue fields (mini ships no English locale by default).
import * as z from 'zod/mini';
import { isIPv4 } from './ipv4.js';
import { timingProfiles } from './timing.js';

// Schemas are immutable and carry no path, so one instance serves every key of the same shape: each
// instance fewer is an object graph less to build at every start of `config validate` (issue #2).
const str = z.string();
const int = z.int();
const name = str.check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)'));
const ipv4 = str.check(z.refine((s) => isIPv4(s), 'an IPv4 address such as 10.0.0.11'));
const cidr = str.check(
  z.refine((s) => {
    const [ip, prefix, extra] = s.split('/');
    return extra === undefined && !!ip && isIPv4(ip) && prefix !== undefined && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32;
  }, 'an IPv4 address with its prefix length, such as 10.0.0.100/24'),
);
const port = int.check(z.minimum(1), z.maximum(65535));
const ms = int.check(z.positive());
const text = str.check(z.minLength(1));
const whole = (min: number, max?: number) => (max === undefined ? int.check(z.minimum(min)) : int.check(z.minimum(min), z.maximum(max)));
const optionalStr = z.optional(str);
const optionalMs = z.optional(ms);
const strings = z.array(str);
const atLeast0 = whole(0);
const atLeast1 = whole(1);
const off = z._default(z.boolean(), false);
const address3 = str.check(z.minLength(3));
const ms10s = z._default(ms, 10_000);
const ms60s = z._default(ms, 60_000);

const resourceCommon = {
  name,
  monitor_interval_ms: z._default(ms, 2000),
  monitor_timeout_ms: ms10s,
  start_timeout_ms: ms60s,
  stop_timeout_ms: ms60s,
};

export const volumeResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('volume'),
  /** Windows: the disk's UniqueId; Linux: a block device path. */
  disk: text,
  /** Windows: a drive letter such as "E:"; Linux: an absolute mount point. */
  mount: text,
  fstype: z._default(str, 'auto'),
  options: optionalStr,
});
export const ipResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('ip'),
  address: cidr,
  interface: text,
});
export const serviceResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('service'),
  service: text,
});
export const processResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('process'),
  /** argv: the program then its arguments. Never passed through a shell. */
  command: strings.check(z.minLength(1)),
  cwd: optionalStr,
  env: z._default(z.record(str, str), {}),
  pid_file: optionalStr,
  stop_grace_ms: ms10s,
});
export const scriptResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('script'),
  /** An executable called with start|stop|monitor (OCF-like exit codes: 0 running, 7 not running). */
  path: text,
  args: z._default(strings, []),
});

export const resourceSchema = z.discriminatedUnion('type', [
  volumeResource,
  ipResource,
  serviceResource,
  processResource,
  scriptResource,
]);

export const failbackSchema = str.check(z.regex(/^(manual|auto|window ([01]\d|2[0-3])-([01]\d|2[0-3]))$/, '"manual", "auto" or "window HH-HH" such as "window 02-04"'));

export const groupSchema = z.strictObject({
  /** Preference order: the first node that is healthy runs the group. */
  nodes: z.array(name).check(z.minLength(1), z.maxLength(2)),
  failback: z._default(failbackSchema, 'manual'),
  /** Local restarts of a failing resource allowed within restart_period_s before the group fails over. */
  max_restarts: z._default(whole(0, 100), 3),
  restart_period_s: z._default(atLeast1, 900),
  /** At most this many failovers within failover_period_s; past it the group stays put and is locked. */
  failover_threshold: z._default(whole(1, 100), 2),
  failover_period_s: z._default(atLeast1, 21_600),
  resource: z._default(z.array(resourceSchema), []),
});

export const nodeSchema = z.strictObject({
  name,
  /** The private (heartbeat) network address. */
  private: ipv4,
  /** The public (client) network address. */
  public: ipv4,
});

const profileNames = Object.keys(timingProfiles) as [keyof typeof timingProfiles, ...Array<keyof typeof timingProfiles>];

export const configSchema = z.strictObject({
  /** Bumped on every change; the agents keep the highest (config sync). */
  generation: z._default(atLeast0, 1),
  cluster: z.strictObject({
    name,
    key_file: z._default(text, 'cluster.key'),
    language: z._default(z.enum(['en', 'zh-CN']), 'en'),
    state_dir: optionalStr,
    log_file: optionalStr,
  }),
  timing: z._default(
    z.strictObject({
      profile: z._default(z.enum(profileNames), 'balanced'),
      heartbeat_ms: optionalMs,
      dead_after_ms: optionalMs,
    }),
    { profile: 'balanced' },
  ),
  node: z.array(nodeSchema).check(z.refine((nodes) => nodes.length === 2, 'exactly two [[node]] tables')),
  heartbeat: z._default(
    z.strictObject({
      port: z._default(port, 7411),
      /** The public network's gateway: reaching it is what "public network healthy" means. */
      gateway: z.optional(ipv4),
      gateway_check: z._default(str.check(z.regex(/^(icmp|tcp:\d{1,5}|none)$/, '"icmp", "tcp:PORT" or "none"')), 'icmp'),
      /** The shared disk's raw heartbeat area: a partition without a file system, or a file in tests. */
      disk: z.optional(text),
      disk_offset: z._default(atLeast0, 0),
      disk_timeout_ms: optionalMs,
      /** A hardware watchdog device (Linux /dev/watchdog) that resets a frozen node in time. */
      watchdog: optionalStr,
    }),
    { port: 7411, gateway_check: 'icmp', disk_offset: 0 },
  ),
  api: z._default(
    z.strictObject({
      port: z._default(port, 7410),
      token_file: z._default(str, 'api.token'),
      /** An address, or "node": this node's own private and public addresses (one config for both nodes). */
      bind: z._default(str, '0.0.0.0'),
      /** The API's TLS certificate and key (made by `roseha config init`, the same on both nodes). */
      cert_file: z._default(str, 'api.crt'),
      key_file: z._default(str, 'api.key'),
    }),
    { port: 7410, token_file: 'api.token', bind: '0.0.0.0', cert_file: 'api.crt', key_file: 'api.key' },
  ),
  group: z._default(z.record(name, groupSchema), {}),
  alerts: z._default(
    z.strictObject({
      email: z.optional(
        z.strictObject({
          smtp: str.check(z.regex(/^[^\s:]+:\d{1,5}$/, 'host:port such as smtp.example.com:587')),
          from: address3,
          to: z.array(address3).check(z.minLength(1)),
          user: optionalStr,
          password_file: optionalStr,
          tls: z._default(z.enum(['starttls', 'tls', 'none']), 'starttls'),
        }),
      ),
      sound: off,
      /** A .wav to play (Windows) or any file paplay/aplay plays (Linux); unset: a beep / the desktop's alarm sound. */
      sound_file: optionalStr,
      eventlog: off,
      script: optionalStr,
      throttle_s: z._default(atLeast0, 300),
    }),
    { sound: false, eventlog: false, throttle_s: 300 },
  ),
});

export type RawConfig = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type GroupConfig = z.output<typeof groupSchema>;
export type ResourceConfig = z.output<typeof resourceSchema>;
export type ResourceType = ResourceConfig['type'];
export type NodeConfig = z.output<typeof nodeSchema>;
