// A command line of only command words, plain words and on/off flags (`status --json`,
// `config validate FILE`: what scripts and the benchmark run) is read here without commander,
// whose ~125 KB cost each start-up ~6 ms (issue #2). It gives exactly what commander's action
// would (test/cli/plain-argv.test.ts compares the two); anything else — help, --version, options
// with values, `--`, unknown flags, too many or too few words — is left to commander (undefined),
// and so are its messages and errors.
import type { CommandDef, GlobalOptions, OptionDef } from '../commands/types.js';
import { dryRunOption, rootOptions } from './root-options.js';

export interface PlainRun {
  def: CommandDef;
  args: string[];
  /** The command's own options, as commander's `opts()`. */
  opts: Record<string, unknown>;
  /** Root and command options, as commander's `optsWithGlobals()`. */
  globals: GlobalOptions & Record<string, unknown>;
}

interface Flags {
  /** '-w' / '--watch' → the value the flag sets. */
  set: Map<string, { key: string; value: boolean }>;
  /** Every option's value before argv is read (commander's defaults). */
  defaults: Record<string, unknown>;
}

/** commander's attribute name: '--dry-run' → dryRun, '--no-color' → color. */
const attributeName = (long: string) => long.replace(/^--(no-)?/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The flags of one command (or of the root), or undefined when one of them is beyond this reader. */
function flagsOf(defs: readonly OptionDef[]): Flags | undefined {
  const flags: Flags = { set: new Map(), defaults: {} };
  const longs = new Set(defs.map((o) => /--[\w-]+/.exec(o.flags)?.[0]));
  for (const o of defs) {
    const m = /^(?:(-\w), )?(--[\w-]+)( [<[].*)?$/.exec(o.flags);
    if (!m) return undefined;
    const [, short, long, value] = m as unknown as [string, string | undefined, string, string | undefined];
    const negate = long.startsWith('--no-');
    // --x beside --no-x: commander's defaults for the pair are its own business.
    if (negate && longs.has(long.replace(/^--no-/, '--'))) return undefined;
    const key = attributeName(long);
    if (o.default !== undefined) flags.defaults[key] = o.default;
    else if (negate) flags.defaults[key] = true;
    // An option with a value is not read here: argv naming it goes to commander.
    if (value || o.repeatable) continue;
    for (const f of [short, long]) if (f) flags.set.set(f, { key, value: !negate });
  }
  return flags;
}

const root = flagsOf(rootOptions);

export function plainArgv(argv: readonly string[], commands: readonly CommandDef[]): PlainRun | undefined {
  if (!root) return undefined;
  const words = argv.filter((a) => !a.startsWith('-'));
  const def = commands.find((c) => c.name === words[0]) ?? commands.find((c) => c.name === `${words[0]} ${words[1]}`);
  if (!def || (def.args ?? []).some((a) => a.variadic)) return undefined;
  const own = flagsOf(def.acts ? [...(def.options ?? []), dryRunOption] : (def.options ?? []));
  if (!own || Object.keys(own.defaults).some((k) => k in root.defaults) || [...own.set.values()].some((f) => f.key in root.defaults)) return undefined;

  const rootValues: Record<string, unknown> = { ...root.defaults };
  const opts: Record<string, unknown> = { ...own.defaults };
  const nameWords = def.name.split(' ').length;
  let seenWords = 0;
  // The command's flags are read after its words only.
  let ownFlagSeen = false;
  for (const arg of argv) {
    if (!arg.startsWith('-')) {
      seenWords++;
      continue;
    }
    const rootFlag = root.set.get(arg);
    const ownFlag = seenWords >= nameWords ? own.set.get(arg) : undefined;
    // commander reads root flags anywhere; past the first flag the root does not know, it hands
    // the rest to the command, a path not followed here: such a root flag goes to commander.
    if (rootFlag && !ownFlagSeen) rootValues[rootFlag.key] = rootFlag.value;
    else if (ownFlag) {
      opts[ownFlag.key] = ownFlag.value;
      ownFlagSeen = true;
    } else return undefined;
  }
  const args = words.slice(nameWords);
  const declared = def.args ?? [];
  if (args.length > declared.length || args.length < declared.filter((a) => a.required).length) return undefined;
  return { def, args, opts, globals: { ...opts, ...rootValues } as GlobalOptions & Record<string, unknown> };
}
