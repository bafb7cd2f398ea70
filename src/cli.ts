// The roseha binary: builds the commander tree from the command table, runs one command, and maps
// every failure to a code on stderr and an exit code.
import { Command, CommanderError, Option } from 'commander';
import { commands, groupSummaries } from './commands/index.js';
import type { CommandContext, CommandDef, GlobalOptions } from './commands/types.js';
import { Output, type OutputOptions } from './cli/output.js';
import { isRosehaError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { chooseLang } from './i18n/lang.js';
import { startEarlyKeepAlive } from './agent/guardian-protocol.js';
import { namedCommand } from './cli/named-command.js';
import { stdSink } from './cli/std-sink.js';

declare const ROSEHA_VERSION: string | undefined;
const version = typeof ROSEHA_VERSION === 'string' ? ROSEHA_VERSION : '0.0.0-dev';

/** The whole command tree, or (given argv) only the command argv names when it names one. */
export function buildProgram(run: (def: CommandDef, args: string[], opts: Record<string, unknown>, globals: GlobalOptions) => Promise<void>, argv?: readonly string[]): Command {
  const program = new Command('roseha')
    .description('Two-node high-availability cluster manager')
    .version(version, '-V, --version')
    .option('-c, --config <file>', 'config file (default: $ROSEHA_CONFIG, then the platform default)')
    .option('--json', 'machine-readable output (with schemaVersion)', false)
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['en', 'zh-CN']))
    .option('--host <host:port>', 'talk to the agent on another machine (API over TLS)')
    .option('--token <token>', 'API token for --host (default: $ROSEHA_TOKEN, then the token file)')
    .option('--fingerprint <sha256>', 'pin the --host agent\'s certificate (default: $ROSEHA_FINGERPRINT, then known_hosts)')
    .option('--no-color', 'no colour even on a terminal')
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
    for (const o of def.options ?? []) {
      const opt = new Option(o.flags, o.description);
      if (o.choices) opt.choices(o.choices);
      if (o.default !== undefined) opt.default(o.default);
      if (o.repeatable) opt.argParser((value: string, previous: unknown) => [...(Array.isArray(previous) ? previous : []), value]);
      cmd.addOption(opt);
    }
    if (def.acts) cmd.option('--dry-run', 'print what would be done (the exact commands), change nothing');
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

export interface CliIo {
  stdout: OutputOptions['stdout'];
  stderr: OutputOptions['stderr'];
  env: NodeJS.ProcessEnv;
}

export async function main(
  argv: string[],
  io: CliIo = { stdout: stdSink(1, () => process.stdout), stderr: stdSink(2, () => process.stderr), env: process.env },
): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const jsonWanted = argv.includes('--json');
  const early = new Output({ stdout: io.stdout, stderr: io.stderr, json: jsonWanted, env: io.env, noColor: argv.includes('--no-color') });
  const program = buildProgram(async (def, args, opts, globals) => {
    const out = await new Output({ stdout: io.stdout, stderr: io.stderr, json: globals.json, env: io.env, noColor: globals.color === false }).init();
    const ctx: CommandContext = {
      out,
      globals,
      env: io.env,
      lang: (configLanguage?: string) => chooseLang({ flag: globals.lang, configLanguage }, io.env),
    };
    const code = await def.run(ctx, args, opts);
    exitCode = typeof code === 'number' ? code : ExitCode.ok;
  }, argv);
  program.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    outputError: () => undefined,
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return ExitCode.ok;
      if (err.code === 'commander.executeSubCommandAsync') return ExitCode.ok;
      early.error('RHA-E1010', `${err.message.replace(/^error: /, '')} (see roseha --help)`);
      return ExitCode.usage;
    }
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

/** Entry point of bin/roseha: sets the exit code rather than calling process.exit, so output is flushed. */
export async function runCli(): Promise<void> {
  // An agent worker tells its guardian it lives before the rest of roseha loads.
  startEarlyKeepAlive();
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`roseha: RHA-E1099 ${(err as Error).stack}\n`);
    process.exitCode = ExitCode.error;
  }
}
