// The TOML configuration's schema. Keys are snake_case as written in the file; the parsed
// result (Config) keeps them so that error paths match what the operator typed.
import { z } from 'zod';
import { isIPv4 } from 'node:net';
import { timingProfiles } from './timing.js';

const name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)');
const ipv4 = z.string().refine((s) => isIPv4(s), 'an IPv4 address such as 10.0.0.11');
const cidr = z.string().refine((s) => {
  const [ip, prefix, extra] = s.split('/');
  return extra === undefined && !!ip && isIPv4(ip) && prefix !== undefined && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32;
}, 'an IPv4 address with its prefix length, such as 10.0.0.100/24');
const port = z.number().int().min(1).max(65535);
const ms = z.number().int().positive();

const resourceCommon = {
  name,
  monitor_interval_ms: ms.default(2000),
  monitor_timeout_ms: ms.default(10_000),
  start_timeout_ms: ms.default(60_000),
  stop_timeout_ms: ms.default(60_000),
};

export const volumeResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('volume'),
  /** Windows: the disk's UniqueId; Linux: a block device path. */
  disk: z.string().min(1),
  /** Windows: a drive letter such as "E:"; Linux: an absolute mount point. */
  mount: z.string().min(1),
  fstype: z.string().default('auto'),
  options: z.string().optional(),
});
export const ipResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('ip'),
  address: cidr,
  interface: z.string().min(1),
});
export const serviceResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('service'),
  service: z.string().min(1),
});
export const processResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('process'),
  /** argv: the program then its arguments. Never passed through a shell. */
  command: z.array(z.string()).min(1),
  cwd: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  pid_file: z.string().optional(),
  stop_grace_ms: ms.default(10_000),
});
export const scriptResource = z.strictObject({
  ...resourceCommon,
  type: z.literal('script'),
  /** An executable called with start|stop|monitor (OCF-like exit codes: 0 running, 7 not running). */
  path: z.string().min(1),
  args: z.array(z.string()).default([]),
});

export const resourceSchema = z.discriminatedUnion('type', [
  volumeResource,
  ipResource,
  serviceResource,
  processResource,
  scriptResource,
]);

export const failbackSchema = z.union([
  z.literal('manual'),
  z.literal('auto'),
  z.string().regex(/^window ([01]\d|2[0-3])-([01]\d|2[0-3])$/, '"manual", "auto" or "window HH-HH" such as "window 02-04"'),
]);

export const groupSchema = z.strictObject({
  /** Preference order: the first node that is healthy runs the group. */
  nodes: z.array(name).min(1).max(2),
  failback: failbackSchema.default('manual'),
  /** Local restarts of a failing resource allowed within restart_period_s before the group fails over. */
  max_restarts: z.number().int().min(0).max(100).default(3),
  restart_period_s: z.number().int().positive().default(900),
  /** At most this many failovers within failover_period_s; past it the group stays put and is locked. */
  failover_threshold: z.number().int().min(1).max(100).default(2),
  failover_period_s: z.number().int().positive().default(21_600),
  resource: z.array(resourceSchema).default([]),
});

export const nodeSchema = z.strictObject({
  name,
  /** The private (heartbeat) network address. */
  private: ipv4,
  /** The public (client) network address. */
  public: ipv4,
});

export const configSchema = z.strictObject({
  /** Bumped on every change; the agents keep the highest (config sync). */
  generation: z.number().int().min(0).default(1),
  cluster: z.strictObject({
    name,
    key_file: z.string().min(1).default('cluster.key'),
    language: z.enum(['en', 'zh-CN']).default('en'),
    state_dir: z.string().optional(),
    log_file: z.string().optional(),
  }),
  timing: z
    .strictObject({
      profile: z.enum(Object.keys(timingProfiles) as [keyof typeof timingProfiles, ...Array<keyof typeof timingProfiles>]).default('balanced'),
      heartbeat_ms: ms.optional(),
      dead_after_ms: ms.optional(),
    })
    .default({ profile: 'balanced' }),
  node: z.array(nodeSchema).length(2, 'exactly two [[node]] tables'),
  heartbeat: z
    .strictObject({
      port: port.default(7411),
      /** The public network's gateway: reaching it is what "public network healthy" means. */
      gateway: ipv4.optional(),
      gateway_check: z
        .string()
        .regex(/^(icmp|tcp:\d{1,5}|none)$/, '"icmp", "tcp:PORT" or "none"')
        .default('icmp'),
      /** The shared disk's raw heartbeat area: a partition without a file system, or a file in tests. */
      disk: z.string().min(1).optional(),
      disk_offset: z.number().int().min(0).default(0),
      disk_timeout_ms: ms.optional(),
      /** A hardware watchdog device (Linux /dev/watchdog) that resets a frozen node in time. */
      watchdog: z.string().optional(),
    })
    .default({ port: 7411, gateway_check: 'icmp', disk_offset: 0 }),
  api: z
    .strictObject({
      port: port.default(7410),
      token_file: z.string().default('api.token'),
      bind: z.string().default('0.0.0.0'),
    })
    .default({ port: 7410, token_file: 'api.token', bind: '0.0.0.0' }),
  group: z.record(name, groupSchema).default({}),
  alerts: z
    .strictObject({
      email: z
        .strictObject({
          smtp: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'host:port such as smtp.example.com:587'),
          from: z.string().min(3),
          to: z.array(z.string().min(3)).min(1),
          user: z.string().optional(),
          password_file: z.string().optional(),
          tls: z.enum(['starttls', 'tls', 'none']).default('starttls'),
        })
        .optional(),
      sound: z.boolean().default(false),
      eventlog: z.boolean().default(false),
      script: z.string().optional(),
      throttle_s: z.number().int().min(0).default(300),
    })
    .default({ sound: false, eventlog: false, throttle_s: 300 }),
});

export type RawConfig = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type GroupConfig = z.output<typeof groupSchema>;
export type ResourceConfig = z.output<typeof resourceSchema>;
export type ResourceType = ResourceConfig['type'];
export type NodeConfig = z.output<typeof nodeSchema>;
