// The TOML configuration's schema. Keys are snake_case as written in the file; the parsed
// result (Config) keeps them so that error paths match what the operator typed.
// zod/mini, not 'zod': the same schemas and parse(), but tree-shaken to ~50 KB instead of ~750 KB,
// which keeps `roseha config validate` near node's own start-up (bench/cli.mjs). Messages are
// built in load.ts from the issue fields (mini ships no English locale by default).
import * as z from 'zod/mini';
import { isIPv4 } from './ipv4.js';
import { timingProfiles } from './timing.js';

const name = z
  .string()
  .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)'));
const ipv4 = z.string().check(z.refine((s) => isIPv4(s), 'an IPv4 address such as 10.0.0.11'));
const cidr = z.string().check(
  z.refine((s) => {
    const [ip, prefix, extra] = s.split('/');
    return extra === undefined && !!ip && isIPv4(ip) && prefix !== undefined && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32;
  }, 'an IPv4 address with its prefix length, such as 10.0.0.100/24'),
);
const port = z.int().check(z.minimum(1), z.maximum(65535));
const ms = z.int().check(z.positive());
const text = z.string().check(z.minLength(1));
const whole = (min: number, max?: number) => (max === undefined ? z.int().check(z.minimum(min)) : z.int().check(z.minimum(min), z.maximum(max)));

const resourceCommon = {
  name,
  monitor_interval_ms: z._default(ms, 2000),
  monitor_timeout_ms: z._default(ms, 10_000),
  start_timeout_ms: z._default(ms, 60_000),
  stop_timeout_ms: z._default(ms, 60_000),
};

export const volumeResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('volume'),
  /** Windows: the disk's UniqueId; Linux: a block device path. */
  disk: text,
  /** Windows: a drive letter such as "E:"; Linux: an absolute mount point. */
  mount: text,
  fstype: z._default(z.string(), 'auto'),
  options: z.optional(z.string()),
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
  command: z.array(z.string()).check(z.minLength(1)),
  cwd: z.optional(z.string()),
  env: z._default(z.record(z.string(), z.string()), {}),
  pid_file: z.optional(z.string()),
  stop_grace_ms: z._default(ms, 10_000),
});
export const scriptResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('script'),
  /** An executable called with start|stop|monitor (OCF-like exit codes: 0 running, 7 not running). */
  path: text,
  args: z._default(z.array(z.string()), []),
});

export const resourceSchema = z.discriminatedUnion('type', [
  volumeResource,
  ipResource,
  serviceResource,
  processResource,
  scriptResource,
]);

export const failbackSchema = z
  .string()
  .check(z.regex(/^(manual|auto|window ([01]\d|2[0-3])-([01]\d|2[0-3]))$/, '"manual", "auto" or "window HH-HH" such as "window 02-04"'));

export const groupSchema = z.strictObject({
  /** Preference order: the first node that is healthy runs the group. */
  nodes: z.array(name).check(z.minLength(1), z.maxLength(2)),
  failback: z._default(failbackSchema, 'manual'),
  /** Local restarts of a failing resource allowed within restart_period_s before the group fails over. */
  max_restarts: z._default(whole(0, 100), 3),
  restart_period_s: z._default(whole(1), 900),
  /** At most this many failovers within failover_period_s; past it the group stays put and is locked. */
  failover_threshold: z._default(whole(1, 100), 2),
  failover_period_s: z._default(whole(1), 21_600),
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
  generation: z._default(whole(0), 1),
  cluster: z.strictObject({
    name,
    key_file: z._default(text, 'cluster.key'),
    language: z._default(z.enum(['en', 'zh-CN']), 'en'),
    state_dir: z.optional(z.string()),
    log_file: z.optional(z.string()),
  }),
  timing: z._default(
    z.strictObject({
      profile: z._default(z.enum(profileNames), 'balanced'),
      heartbeat_ms: z.optional(ms),
      dead_after_ms: z.optional(ms),
    }),
    { profile: 'balanced' },
  ),
  node: z.array(nodeSchema).check(z.refine((nodes) => nodes.length === 2, 'exactly two [[node]] tables')),
  heartbeat: z._default(
    z.strictObject({
      port: z._default(port, 7411),
      /** The public network's gateway: reaching it is what "public network healthy" means. */
      gateway: z.optional(ipv4),
      gateway_check: z._default(z.string().check(z.regex(/^(icmp|tcp:\d{1,5}|none)$/, '"icmp", "tcp:PORT" or "none"')), 'icmp'),
      /** The shared disk's raw heartbeat area: a partition without a file system, or a file in tests. */
      disk: z.optional(text),
      disk_offset: z._default(whole(0), 0),
      disk_timeout_ms: z.optional(ms),
      /** A hardware watchdog device (Linux /dev/watchdog) that resets a frozen node in time. */
      watchdog: z.optional(z.string()),
    }),
    { port: 7411, gateway_check: 'icmp', disk_offset: 0 },
  ),
  api: z._default(
    z.strictObject({
      port: z._default(port, 7410),
      token_file: z._default(z.string(), 'api.token'),
      /** An address, or "node": this node's own private and public addresses (one config for both nodes). */
      bind: z._default(z.string(), '0.0.0.0'),
      /** The API's TLS certificate and key (made by `roseha config init`, the same on both nodes). */
      cert_file: z._default(z.string(), 'api.crt'),
      key_file: z._default(z.string(), 'api.key'),
    }),
    { port: 7410, token_file: 'api.token', bind: '0.0.0.0', cert_file: 'api.crt', key_file: 'api.key' },
  ),
  group: z._default(z.record(name, groupSchema), {}),
  alerts: z._default(
    z.strictObject({
      email: z.optional(
        z.strictObject({
          smtp: z.string().check(z.regex(/^[^\s:]+:\d{1,5}$/, 'host:port such as smtp.example.com:587')),
          from: z.string().check(z.minLength(3)),
          to: z.array(z.string().check(z.minLength(3))).check(z.minLength(1)),
          user: z.optional(z.string()),
          password_file: z.optional(z.string()),
          tls: z._default(z.enum(['starttls', 'tls', 'none']), 'starttls'),
        }),
      ),
      sound: z._default(z.boolean(), false),
      /** A .wav to play (Windows) or any file paplay/aplay plays (Linux); unset: a beep / the desktop's alarm sound. */
      sound_file: z.optional(z.string()),
      eventlog: z._default(z.boolean(), false),
      script: z.optional(z.string()),
      throttle_s: z._default(whole(0), 300),
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
