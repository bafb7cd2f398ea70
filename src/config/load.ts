// Reads and checks a config file: every problem at once, nothing written.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type * as v from 'valibot';
import { check, configSchema, type Config } from './schema.js';
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
  const parsed = check(configSchema, raw);
  if (!parsed.success) return { problems: parsed.issues.flatMap((i) => issueToProblems(i)) };
  const config = resolveEffective(parsed.output, file);
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

type Issue = v.BaseIssue<unknown>;

function issueToProblems(issue: Issue): Problem[] {
  const keys = (issue.path ?? []).map((item) => item.key as PropertyKey);
  const where = tomlPath(keys);
  const got = issue.input === undefined ? '' : `, got ${describe(issue.input)}`;
  const bad = (message: string): Problem[] => [{ code: 'RHA-E1002', severity: 'error', where, message }];
  // Messages come from the issue's fields and schema.ts's own texts, not from valibot's: its
  // English ones read "Invalid type: Expected string but received 5".
  if (issue.type === 'never') {
    // the rest of a table (schema.ts's table()): a key the table does not have
    return [{ code: 'RHA-E1003', severity: 'error', where, message: `unknown key "${String(keys[keys.length - 1])}"` }];
  }
  if (issue.kind === 'schema' && issue.input === undefined && issue.path?.[issue.path.length - 1]?.origin === 'key') {
    return [{ code: 'RHA-E1004', severity: 'error', where, message: `missing; expected ${typeName(issue.message)}` }];
  }
  switch (issue.type) {
    case 'custom':
    case 'picklist':
    case 'regex':
    case 'check':
    // the discriminator matched no option (schema.ts checks first that a resource is a table)
    case 'variant':
      return bad(`expected ${issue.message}${got}`);
    case 'integer':
      return bad(`expected an integer${got}`);
    case 'min_value':
    case 'max_value':
    case 'min_length':
    case 'max_length':
      return bad(`expected ${bound(issue)}${got}`);
    default:
      return bad(`expected ${typeName(issue.expected ?? issue.message)}${got}`);
  }
}

/** valibot's `expects` of a type (string, number, Array, Object, a literal) in plain English. */
function typeName(expects: string): string {
  return ({ number: 'a number', string: 'a string', boolean: 'true or false', Array: 'an array', Object: 'a table' } as Record<string, string>)[expects] ?? expects;
}

function bound(issue: Issue): string {
  const small = issue.type === 'min_value' || issue.type === 'min_length';
  const n = Number(issue.requirement);
  if (Array.isArray(issue.input)) return `${small ? 'at least' : 'at most'} ${n} ${n === 1 ? 'entry' : 'entries'}`;
  if (typeof issue.input === 'string') return small && n === 1 ? 'a non-empty string' : `${small ? 'at least' : 'at most'} ${n} characters`;
  return `a number ${small ? '≥' : '≤'} ${n}`;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length === 1 ? '1 entry' : `${v.length} entries`;
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'a table';
  return `${typeof v} ${String(v)}`;
}
