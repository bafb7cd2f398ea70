// What commander makes of an argv: the command it runs with its arguments and options, or its
// error. The yardstick of the readers that spare commander work (named-command, plain-argv).
import { CommanderError } from 'commander';
import { buildProgram } from '../../src/cli/program.js';

export interface Outcome {
  ran?: { name: string; args: string[]; opts: Record<string, unknown>; globals: Record<string, unknown> };
  error?: { code: string; message: string; exitCode: number };
  out: string;
}

/** `onlyNamed`: the tree of the named command only, as the CLI builds it. */
export async function parseWithCommander(argv: string[], onlyNamed: boolean): Promise<Outcome> {
  const outcome: Outcome = { out: '' };
  const program = buildProgram(
    async (def, args, opts, globals) => {
      outcome.ran = { name: def.name, args, opts, globals: { ...globals } };
    },
    onlyNamed ? argv : undefined,
  );
  program.configureOutput({ writeOut: (s) => (outcome.out += s), writeErr: (s) => (outcome.out += s), outputError: () => undefined });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    outcome.error = { code: err.code, message: err.message, exitCode: err.exitCode };
  }
  return outcome;
}
