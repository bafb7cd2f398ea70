// Reads and checks a config file: every problem at once, nothing written.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type * as z from 'zod/mini';
import { configSchema, type Config } from './schema.js';
import { timingProfiles } from './timing.js';
import { checkConfig } from './check.js';
import { defaultStateDir } from './locate.js';
import { RosehaError, type Problem } from '../errors.js';

/** The config with every default filled in and the timing profile resolved. */
export interface EffectiveConfig extends Omit<Config, 'timing'> {
  timing: { profile: Config['timing']['profile']; heartbeat_ms: number; dead_after_ms: number };
  /** Absolute paths, resolved against the config file's folder. */
  paths: { config: string; key_file: string; token_file: string; state_dir: string };
}

export interface LoadResult {
  config?: EffectiveConfig;
  problems: Problem[];
}

export function loadConfigFile(file: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'RHA-E1005' : 'RHA-E1006';
    const why = code === 'RHA-E1005' ? 'no such file' : (err as Error).message;
    return { problems: [{ code, severity: 'error', where: file, message: `cannot read the config file: ${why}` }] };
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): LoadResult {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (err) {
    if (err instanceof TomlError) {
      const first = err.message.split('\n')[0] ?? err.message;
      return {
        problems: [{ code: 'RHA-E1001', severity: 'error', where: `${file}:${err.line}:${err.column}`, message: first.replace(/^Invalid TOML document: /, '') }],
      };
    }
    throw err;
  }
  // reportInput: zod v4 leaves the offending value out of issues unless asked, and "got …" needs it.
  // jitless: a config is parsed once per process; zod's compiled fast path (new Function per object
  // schema) costs more to build than it saves on one parse, several ms of `config validate`.
  const parsed = configSchema.safeParse(raw, { reportInput: true, jitless: true });
  if (!parsed.success) return { problems: parsed.error.issues.flatMap((i) => issueToProblems(i)) };
  const config = resolveEffective(parsed.data, file);
  return { config, problems: checkConfig(config) };
}

/** Throws the first error; the agent and the commands that need a working config use this. */
export function loadConfigOrThrow(file: string): { config: EffectiveConfig; warnings: Problem[] } {
  const { config, problems } = loadConfigFile(file);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!config || errors.length > 0) {
    const first = errors[0] ?? problems[0];
    throw new RosehaError(first?.code ?? 'RHA-E1002', `${first?.where ? first.where + ': ' : ''}${first?.message ?? 'invalid config'}`, {
      details: { problems },
    });
  }
  return { config, warnings: problems };
}

export function resolveEffective(config: Config, file: string): EffectiveConfig {
  const profile = timingProfiles[config.timing.profile];
  const dir = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) ? p : resolve(dir, p));
  return {
    ...config,
    timing: {
      profile: config.timing.profile,
      heartbeat_ms: config.timing.heartbeat_ms ?? profile.heartbeat_ms,
      dead_after_ms: config.timing.dead_after_ms ?? profile.dead_after_ms,
    },
    paths: {
      config: resolve(file),
      key_file: abs(config.cluster.key_file),
      token_file: abs(config.api.token_file),
      state_dir: abs(config.cluster.state_dir ?? defaultStateDir()),
    },
  };
}

/** `group.erp.resource[1].address`: the path as the operator wrote it in TOML. */
export function tomlPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += (out ? '.' : '') + String(seg);
  }
  return out || '(top level)';
}

function issueToProblems(issue: z.core.$ZodIssue): Problem[] {
  const where = tomlPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  const got = input === undefined ? '' : `, got ${describe(input)}`;
  const bad = (message: string): Problem[] => [{ code: 'RHA-E1002', severity: 'error', where, message }];
  // Messages come from the issue's fields, not from zod's locale: zod/mini has none by default,
  // and a locale loaded elsewhere in the process must not change what validate prints.
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({
        code: 'RHA-E1003',
        severity: 'error' as const,
        where: tomlPath([...issue.path, k]),
        message: `unknown key "${k}"`,
      }));
    case 'invalid_type':
      if (input === undefined) {
        return [{ code: 'RHA-E1004', severity: 'error', where, message: `missing; expected ${typeName(issue.expected)}` }];
      }
      return bad(`expected ${typeName(issue.expected)}${got}`);
    case 'invalid_union':
      if ((issue as { note?: string }).note === 'No matching discriminator') {
        // zod v4 already ends the path with the discriminator key; older versions did not.
        const path = issue.path[issue.path.length - 1] === 'type' ? issue.path : [...issue.path, 'type'];
        return [{ code: 'RHA-E1002', severity: 'error', where: tomlPath(path), message: 'expected one of "volume", "ip", "service", "process", "script"' }];
      }
      return bad(`expected one of the allowed forms${got}`);
    case 'invalid_value':
      return bad(`expected ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}${got}`);
    case 'too_small':
    case 'too_big':
      return bad(`expected ${bound(issue)}${got}`);
    default:
      // invalid_format and custom: every regex and refine in schema.ts carries its own message.
      return bad(`expected ${issue.message}${got}`);
  }
}

function typeName(t: string): string {
  return ({ int: 'an integer', number: 'a number', string: 'a string', boolean: 'true or false', array: 'an array', object: 'a table' } as Record<string, string>)[t] ?? t;
}

function bound(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const n = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  const inclusive = issue.inclusive !== false;
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `${small ? 'at least' : 'at most'} ${n} ${n === 1 ? 'entry' : 'entries'}`;
    case 'string':
      return small && n === 1 ? 'a non-empty string' : `${small ? 'at least' : 'at most'} ${n} characters`;
    default:
      return `a number ${small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<'} ${n}`;
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length === 1 ? '1 entry' : `${v.length} entries`;
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'a table';
  return `${typeof v} ${String(v)}`;
}
