// The TOML configuration's schema. Keys are snake_case as written in the file; the parsed
// result (Config) keeps them so that error paths match what the operator typed.
// valibot, not zod: a valibot schema is a plain object, where zod builds each through its class
// machinery; `config validate` builds this one at every start, and with zod/mini that and loading
// zod cost ~5 ms more and one more young-generation GC (bench/cli.mjs, issue #2). Messages are
// built in load.ts from the issue fields; every regex and check here carries its own.
import * as v from 'valibot';
import { isIPv4 } from './ipv4.js';
import { timingProfiles } from './timing.js';

/** A TOML table, not an array: valibot's object and record schemas take both. */
const isTable = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const unknownKey = v.never();
const tableOnly = v.custom<Record<string, unknown>>(isTable, 'a table');
/** What a missing key should have held, as valibot's `expects` says it (load.ts words it). */
const expectsOf = (s: v.GenericSchema) => (s.type === 'custom' || s.type === 'object_with_rest' ? 'Object' : s.expects);

/**
 * A table's keys: these and no other. valibot's strictObject names only the first unknown key; a
 * rest of `never` names each one (issue type "never"), so validate reports them all at once. Typed
 * as the strictObject it stands for: the rest never lets a value through. A missing key's issue
 * carries the `expects` of the key's own schema as its message, which it does not otherwise tell.
 */
const fields = <E extends v.ObjectEntries>(entries: E) =>
  v.objectWithRest(entries, unknownKey, (issue) => {
    const last = issue.path?.[issue.path.length - 1];
    const missing = issue.input === undefined && last?.origin === 'key' ? entries[last.key as string] : undefined;
    return missing ? expectsOf(missing) : (issue.expected ?? '');
  }) as unknown as v.StrictObjectSchema<E, undefined>;
/** A TOML table with these keys. (The variant's options are bare `fields`: the variant is checked first.) */
const table = <E extends v.ObjectEntries>(entries: E) => v.pipe(tableOnly, fields(entries));
/** on.NODE tables: per node name, these keys as they are on that node (src/config/per-node.ts). */
const perNodeTables = <E extends v.ObjectEntries>(own: E) => v.pipe(tableOnly, v.record(name, table(own)));

/** One of these strings; the message lists them as load.ts prints it. */
const oneOf = <const T extends readonly [string, ...string[]]>(options: T) => v.picklist(options, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);

// Schemas are immutable and carry no path, so one instance serves every key of the same shape.
const str = v.string();
const num = v.number();
const whole = (min: number, max = Number.MAX_SAFE_INTEGER) => v.pipe(num, v.integer(), v.minValue(min), v.maxValue(max));
const name = v.pipe(str, v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'a name of letters, digits, ".", "_" or "-" (at most 63, starting with a letter or digit)'));
const ipv4 = v.pipe(str, v.check(isIPv4, 'an IPv4 address such as 10.0.0.11'));
const cidr = v.pipe(
  str,
  v.check((s) => {
    const [ip, prefix, extra] = s.split('/');
    return extra === undefined && !!ip && isIPv4(ip) && prefix !== undefined && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32;
  }, 'an IPv4 address with its prefix length, such as 10.0.0.100/24'),
);
const port = whole(1, 65535);
const ms = whole(1);
const text = v.pipe(str, v.minLength(1));
const optionalStr = v.optional(str);
const optionalText = v.optional(text);
const optionalMs = v.optional(ms);
const strings = v.array(str);
const atLeast0 = whole(0);
const atLeast1 = whole(1);
const optionalAtLeast0 = v.optional(atLeast0);
const off = v.optional(v.boolean(), false);
const address3 = v.pipe(str, v.minLength(3));
const ms10s = v.optional(ms, 10_000);
const ms60s = v.optional(ms, 60_000);

const resourceCommon = {
  name,
  monitor_interval_ms: v.optional(ms, 2000),
  monitor_timeout_ms: ms10s,
  start_timeout_ms: ms60s,
  stop_timeout_ms: ms60s,
};

/**
 * A resource with `on.NODE` tables: the values that differ on that node (a NIC called "Ethernet 2"
 * there, a device path), over the shared ones. The file stays the same on both nodes, as config sync
 * wants; each node's executor runs the resource with its own values (src/config/per-node.ts).
 * Each table takes the resource's own keys but `name` and `type`, all optional and without defaults.
 */
function resource<E extends v.ObjectEntries>(entries: E) {
  // Built on first use: most configs have no on tables, and `config validate` builds the schema at every start.
  let tables: v.GenericSchema | undefined;
  const perNode = () => {
    if (tables) return tables;
    const own = Object.fromEntries(
      Object.entries(entries)
        .filter(([key]) => key !== 'name' && key !== 'type')
        .map(([key, s]) => [key, optionalOf(s.type === 'optional' ? (s as v.OptionalSchema<v.GenericSchema, unknown>).wrapped : s)]),
    );
    return (tables = perNodeTables(own));
  };
  const on = v.optional(v.lazy(perNode)) as unknown as v.OptionalSchema<v.GenericSchema<unknown, PerNode<E>>, undefined>;
  return fields({ ...entries, on });
}
/** One optional (no default) per schema, shared by every resource type's `on` tables. */
const optionals = new Map<v.GenericSchema, v.GenericSchema>([[str, optionalStr], [text, optionalText], [atLeast0, optionalAtLeast0]]);
const optionalOf = (s: v.GenericSchema): v.GenericSchema => {
  let o = optionals.get(s);
  if (!o) optionals.set(s, (o = v.optional(s)));
  return o;
};
type PerNode<E extends v.ObjectEntries> = Record<string, Partial<Omit<v.InferOutput<v.ObjectSchema<E, undefined>>, 'name' | 'type'>>>;

export const volumeResource = resource({
  ...resourceCommon,
  type: v.literal('volume'),
  /** Windows: the disk's UniqueId; Linux: a block device path. */
  disk: text,
  /** Windows: a drive letter such as "E:"; Linux: an absolute mount point. */
  mount: text,
  fstype: v.optional(str, 'auto'),
  options: optionalStr,
});
export const ipResource = resource({
  ...resourceCommon,
  type: v.literal('ip'),
  address: cidr,
  interface: text,
});
export const serviceResource = resource({
  ...resourceCommon,
  type: v.literal('service'),
  service: text,
});
export const processResource = resource({
  ...resourceCommon,
  type: v.literal('process'),
  /** argv: the program then its arguments. Never passed through a shell. */
  command: v.pipe(strings, v.minLength(1)),
  cwd: optionalStr,
  env: v.optional(v.pipe(tableOnly, v.record(str, str)), {}),
  pid_file: optionalStr,
  stop_grace_ms: ms10s,
});
export const scriptResource = resource({
  ...resourceCommon,
  type: v.literal('script'),
  /** An executable called with start|stop|monitor (OCF-like exit codes: 0 running, 7 not running). */
  path: text,
  args: v.optional(strings, []),
});

export const resourceSchema = v.pipe(tableOnly, v.variant('type', [volumeResource, ipResource, serviceResource, processResource, scriptResource], 'one of "volume", "ip", "service", "process", "script"'));

export const failbackSchema = v.pipe(str, v.regex(/^(manual|auto|window ([01]\d|2[0-3])-([01]\d|2[0-3]))$/, '"manual", "auto" or "window HH-HH" such as "window 02-04"'));

export const groupSchema = table({
  /** Preference order: the first node that is healthy runs the group. */
  nodes: v.pipe(v.array(name), v.minLength(1), v.maxLength(2)),
  failback: v.optional(failbackSchema, 'manual'),
  /** Local restarts of a failing resource allowed within restart_period_s before the group fails over. */
  max_restarts: v.optional(whole(0, 100), 3),
  restart_period_s: v.optional(atLeast1, 900),
  /** At most this many failovers within failover_period_s; past it the group stays put and is locked. */
  failover_threshold: v.optional(whole(1, 100), 2),
  failover_period_s: v.optional(atLeast1, 21_600),
  resource: v.optional(v.array(resourceSchema), []),
});

export const nodeSchema = table({
  name,
  /** The private (heartbeat) network address. */
  private: ipv4,
  /** The public (client) network address. */
  public: ipv4,
});

const profileNames = Object.keys(timingProfiles) as [keyof typeof timingProfiles, ...Array<keyof typeof timingProfiles>];

// A table left out is its defaults: valibot runs the table's schema on `{}`, which fills them in.
export const configSchema = table({
  /** Bumped on every change; the agents keep the highest (config sync). */
  generation: v.optional(atLeast0, 1),
  cluster: table({
    name,
    key_file: v.optional(text, 'cluster.key'),
    language: v.optional(oneOf(['en', 'zh-CN']), 'en'),
    state_dir: optionalStr,
    log_file: optionalStr,
    /** The log is rotated past this size (MB; a fraction for tests), keeping log_keep old copies. */
    log_max_mb: v.optional(v.pipe(num, v.minValue(0.001)), 10),
    log_keep: v.optional(whole(1, 100), 5),
  }),
  timing: v.optional(
    table({
      profile: v.optional(oneOf(profileNames), 'balanced'),
      heartbeat_ms: optionalMs,
      dead_after_ms: optionalMs,
    }),
    {},
  ),
  node: v.pipe(
    v.array(nodeSchema),
    v.check((nodes) => nodes.length === 2, 'exactly two [[node]] tables'),
  ),
  heartbeat: v.optional(
    table({
      port: v.optional(port, 7411),
      /** The public network's gateway: reaching it is what "public network healthy" means. */
      gateway: v.optional(ipv4),
      gateway_check: v.optional(v.pipe(str, v.regex(/^(icmp|tcp:\d{1,5}|none)$/, '"icmp", "tcp:PORT" or "none"')), 'icmp'),
      /** The shared disk's raw heartbeat area: a partition without a file system, or a file in tests. */
      disk: optionalText,
      disk_offset: v.optional(atLeast0, 0),
      disk_timeout_ms: optionalMs,
      /** A hardware watchdog device (Linux /dev/watchdog) that resets a frozen node in time. */
      watchdog: optionalStr,
      /** Device paths that differ on one node (Windows numbers its disks per server: \\.\PhysicalDriveN). */
      on: v.optional(perNodeTables({ disk: optionalText, disk_offset: optionalAtLeast0, watchdog: optionalStr })),
    }),
    {},
  ),
  api: v.optional(
    table({
      port: v.optional(port, 7410),
      token_file: v.optional(str, 'api.token'),
      /** An address, or "node": this node's own private and public addresses (one config for both nodes). */
      bind: v.optional(str, '0.0.0.0'),
      /** The API's TLS certificate and key (made by `roseha config init`, the same on both nodes). */
      cert_file: v.optional(str, 'api.crt'),
      key_file: v.optional(str, 'api.key'),
    }),
    {},
  ),
  group: v.optional(v.pipe(tableOnly, v.record(name, groupSchema)), {}),
  alerts: v.optional(
    table({
      email: v.optional(
        table({
          smtp: v.pipe(str, v.regex(/^[^\s:]+:\d{1,5}$/, 'host:port such as smtp.example.com:587')),
          from: address3,
          to: v.pipe(v.array(address3), v.minLength(1)),
          user: optionalStr,
          password_file: optionalStr,
          tls: v.optional(oneOf(['starttls', 'tls', 'none']), 'starttls'),
        }),
      ),
      sound: off,
      /** A .wav to play (Windows) or any file paplay/aplay plays (Linux); unset: a beep / the desktop's alarm sound. */
      sound_file: optionalStr,
      eventlog: off,
      script: optionalStr,
      throttle_s: v.optional(atLeast0, 300),
    }),
    {},
  ),
});

/**
 * Checks `raw` against `schema`: every issue at once, and a pipe stops at its first failed check
 * (1.5 for a port is "an integer", not that and a bound as well).
 */
export const check = <S extends v.GenericSchema>(schema: S, raw: unknown) => v.safeParse(schema, raw, { abortPipeEarly: true });

/** The parsed value; throws on the first issue (tests and code handing in known-good values). */
export const parseWith = <S extends v.GenericSchema>(schema: S, raw: unknown): v.InferOutput<S> => v.parse(schema, raw, { abortPipeEarly: true });

export type Config = v.InferOutput<typeof configSchema>;
export type GroupConfig = v.InferOutput<typeof groupSchema>;
export type ResourceConfig = v.InferOutput<typeof resourceSchema>;
export type ResourceType = ResourceConfig['type'];
export type NodeConfig = v.InferOutput<typeof nodeSchema>;
