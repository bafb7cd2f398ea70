// The roseha binary: runs one command, and maps every failure to a code on stderr and an exit
// code. A plain command line is read without commander (src/cli/plain-argv.ts); anything else
// gets the commander tree built from the command table (src/cli/program.ts), loaded then.
import { commands } from './commands/index.js';
import type { CommandContext, CommandDef, GlobalOptions } from './commands/types.js';
import { Output, type OutputOptions } from './cli/output.js';
import { isRosehaError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { chooseLang } from './i18n/lang.js';
import { startEarlyKeepAlive } from './agent/guardian-protocol.js';
import { plainArgv } from './cli/plain-argv.js';
import { stdSink } from './cli/std-sink.js';

export interface CliIo {
  stdout: OutputOptions['stdout'];
  stderr: OutputOptions['stderr'];
  env: NodeJS.ProcessEnv;
}

const stdio = (): CliIo => ({ stdout: stdSink(1, () => process.stdout), stderr: stdSink(2, () => process.stderr), env: process.env });

/** Runs one command; `finished` is told which one, once its run() has returned. */
export async function main(argv: string[], io: CliIo = stdio(), finished?: (def: CommandDef) => void): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const jsonWanted = argv.includes('--json');
  const early = new Output({ stdout: io.stdout, stderr: io.stderr, json: jsonWanted, env: io.env, noColor: argv.includes('--no-color') });
  const run = async (def: CommandDef, args: string[], opts: Record<string, unknown>, globals: GlobalOptions) => {
    const out = await new Output({ stdout: io.stdout, stderr: io.stderr, json: globals.json, env: io.env, noColor: globals.color === false }).init();
    const ctx: CommandContext = {
      out,
      globals,
      env: io.env,
      lang: (configLanguage?: string) => chooseLang({ flag: globals.lang, configLanguage }, io.env),
    };
    const code = await def.run(ctx, args, opts);
    exitCode = typeof code === 'number' ? code : ExitCode.ok;
    finished?.(def);
  };
  let commanderError: ((err: unknown) => number | undefined) | undefined;
  try {
    const plain = plainArgv(argv, commands);
    if (plain) await run(plain.def, plain.args, plain.opts, plain.globals);
    else {
      const { buildProgram, CommanderError } = await import('./cli/program.js');
      commanderError = (err) => {
        if (!(err instanceof CommanderError)) return undefined;
        if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
        if (err.code === 'commander.executeSubCommandAsync') return ExitCode.ok;
        early.error('RHA-E1010', `${err.message.replace(/^error: /, '')} (see roseha --help)`);
        return ExitCode.usage;
      };
      const program = buildProgram(run, argv);
      program.configureOutput({
        writeOut: (s) => io.stdout.write(s),
        writeErr: (s) => io.stderr.write(s),
        outputError: () => undefined,
      });
      await program.parseAsync(argv, { from: 'user' });
    }
  } catch (err) {
    const usage = commanderError?.(err);
    if (usage !== undefined) return usage;
    if (isRosehaError(err)) {
      early.error(err.code, err.message);
      if (argv.includes('--full') && err.cause) io.stderr.write(String((err.cause as Error).stack ?? err.cause) + '\n');
      return err.exitCode;
    }
    early.error('RHA-E1099', `internal error: ${(err as Error).message ?? String(err)}`);
    if (io.env.ROSEHA_DEBUG) io.stderr.write(String((err as Error).stack) + '\n');
    return ExitCode.error;
  }
  return exitCode;
}

/**
 * Entry point of bin/roseha: sets the exit code rather than calling process.exit, so output is
 * flushed. The exception: a one-shot command whose output all went out with writeSync (piped or
 * to a file, as scripts run it) has nothing left to flush or finish, and the process exits as soon
 * as it returns. Node's teardown would otherwise still run the young-generation GC V8 scheduled
 * meanwhile (~4 ms of `config validate`) and close what the command left to the event loop
 * (status's socket, whose close makes process.stderr), then free the heap (issue #2).
 */
export async function runCli(): Promise<void> {
  // An agent worker tells its guardian it lives before the rest of roseha loads.
  startEarlyKeepAlive();
  const io = stdio();
  let oneShot = false;
  try {
    process.exitCode = await main(process.argv.slice(2), io, (def) => (oneShot = def.oneShot === true));
  } catch (err) {
    process.stderr.write(`roseha: RHA-E1099 ${(err as Error).stack}\n`);
    process.exitCode = ExitCode.error;
    oneShot = false;
  }
  if (oneShot && io.stdout.synchronous && io.stderr.synchronous) process.exit();
}
