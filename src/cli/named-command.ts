// Which command argv names, found before commander parses it: building commander's tree for every
// command costs ~5 ms of each start-up, and a run needs only the command it runs. Commander still
// parses argv in full; this only decides what to register.
import type { Option } from 'commander';
import type { CommandDef } from '../commands/types.js';

/**
 * The command named by argv's first words (`status`, `config validate`), or undefined when the
 * whole tree is wanted: help, no command, an unknown word, or anything before the command words
 * that is not one of the root's own options. Commander's answer to those (its help, its errors
 * and suggestions) depends on the whole tree, so they keep getting it.
 */
export function namedCommand(argv: readonly string[], rootOptions: readonly Option[], commands: readonly CommandDef[]): CommandDef | undefined {
  if (argv.includes('-h') || argv.includes('--help')) return undefined;
  const flags = new Map<string, Option>();
  for (const o of rootOptions) for (const f of [o.short, o.long]) if (f) flags.set(f, o);
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      const single = words.length === 0 ? commands.find((c) => c.name === arg) : undefined;
      if (single) return single;
      words.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const option = flags.get(arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg);
    // `--`, short flags run together (`-Vc FILE`), an option whose value may be absent: whole tree.
    if (!option || option.optional) return undefined;
    if (option.required && eq < 0) i++;
  }
  return words.length === 2 ? commands.find((c) => c.name === `${words[0]} ${words[1]}`) : undefined;
}
