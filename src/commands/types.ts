import type { Output } from '../cli/output.js';
import type { Lang } from '../i18n/types.js';

export interface GlobalOptions {
  config?: string;
  json: boolean;
  lang?: string;
  /** Remote agent: host:port (API over TLS). */
  host?: string;
  token?: string;
  /** Expected SHA-256 fingerprint of the --host agent's certificate. */
  fingerprint?: string;
  color: boolean;
}

export interface CommandContext {
  out: Output;
  globals: GlobalOptions;
  env: NodeJS.ProcessEnv;
  /** The language for messages: --lang, cluster.language, or the environment. */
  lang(configLanguage?: string): Lang;
}

export interface ArgDef {
  name: string;
  description: string;
  required?: boolean;
  variadic?: boolean;
  /** Values offered by shell completion. */
  choices?: readonly string[];
}

export interface OptionDef {
  /** commander flags: '-f, --force', '--since <time>' */
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string | boolean;
  /** May be given several times (`--vip A --vip B`); the value is then a string[]. */
  repeatable?: boolean;
}

/**
 * One command: its shape is data (so that help, the man page and completions come from it) and
 * `run` loads whatever heavy module it needs with a dynamic import, so start-up stays light.
 */
export interface CommandDef {
  /** Words after `roseha`: 'status', 'config validate', 'node standby'. */
  name: string;
  summary: string;
  args?: readonly ArgDef[];
  options?: readonly OptionDef[];
  /** Commands that change something take --dry-run. */
  acts?: boolean;
  /** Extra help text shown after the options (examples). */
  examples?: readonly string[];
  /**
   * Nothing the command starts outlives run() (no server, worker, child process or log stream):
   * once run() returns, the process may exit there and then (src/cli.ts).
   */
  oneShot?: boolean;
  /** Returns the exit code (0 when undefined). */
  run(ctx: CommandContext, args: string[], opts: Record<string, unknown>): Promise<number | void>;
}

export const defineCommand = (def: CommandDef): CommandDef => def;
