// The commander tree built from the command table. Loaded only when argv needs commander (help,
// errors, options with values: see plain-argv.ts): commander is ~125 KB, ~6 ms of a start-up
// (issue #2).
import { Command, CommanderError, Option } from 'commander';
import { commands, groupSummaries } from '../commands/index.js';
import type { CommandDef, GlobalOptions, OptionDef } from '../commands/types.js';
import { namedCommand } from './named-command.js';
import { dryRunOption, rootOptions } from './root-options.js';

export { CommanderError };

declare const ROSEHA_VERSION: string | undefined;
const version = typeof ROSEHA_VERSION === 'string' ? ROSEHA_VERSION : '0.0.0-dev';

export type RunCommand = (def: CommandDef, args: string[], opts: Record<string, unknown>, globals: GlobalOptions) => Promise<void>;

function toOption(o: OptionDef): Option {
  const opt = new Option(o.flags, o.description);
  if (o.choices) opt.choices(o.choices);
  if (o.default !== undefined) opt.default(o.default);
  if (o.repeatable) opt.argParser((value: string, previous: unknown) => [...(Array.isArray(previous) ? previous : []), value]);
  return opt;
}

/** The whole command tree, or (given argv) only the command argv names when it names one. */
export function buildProgram(run: RunCommand, argv?: readonly string[]): Command {
  const program = new Command('roseha').description('Two-node high-availability cluster manager').version(version, '-V, --version');
  for (const o of rootOptions) program.addOption(toOption(o));
  program
    .exitOverride()
    .configureOutput({ outputError: () => undefined })
    // Our own `help` command (src/commands/help.ts) answers `roseha help exit-codes`.
    .helpCommand(false);

  const named = argv && namedCommand(argv, program.options, commands);
  const parents = new Map<string, Command>();
  for (const def of named ? [named] : commands) {
    const words = def.name.split(' ');
    let parent = program;
    for (const w of words.slice(0, -1)) {
      let p = parents.get(w);
      if (!p) {
        p = parent.command(w).description(groupSummaries[w] ?? w);
        p.exitOverride();
        parents.set(w, p);
      }
      parent = p;
    }
    const cmd = parent.command(words[words.length - 1]!).description(def.summary);
    cmd.exitOverride();
    for (const a of def.args ?? []) {
      const spec = a.required ? `<${a.name}${a.variadic ? '...' : ''}>` : `[${a.name}${a.variadic ? '...' : ''}]`;
      cmd.argument(spec, a.description);
    }
    for (const o of def.options ?? []) cmd.addOption(toOption(o));
    if (def.acts) cmd.addOption(toOption(dryRunOption));
    if (def.examples?.length) cmd.addHelpText('after', `\nExamples:\n${def.examples.map((e) => `  $ ${e}`).join('\n')}`);
    cmd.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const args = (params.slice(0, def.args?.length ?? 0) as Array<string | string[] | undefined>).flatMap((a) =>
        a === undefined ? [] : Array.isArray(a) ? a : [a],
      );
      const globals = self.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
      await run(def, args, self.opts(), globals);
    });
  }
  return program;
}
