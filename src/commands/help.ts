import { defineCommand } from './types.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'help',
  summary: 'Help on a topic (exit-codes, config-locations, environment) or a command',
  args: [{ name: 'topic', description: 'a topic or a command such as "config validate"', variadic: true, choices: ['exit-codes', 'config-locations', 'environment'] }],
  examples: ['roseha help exit-codes', 'roseha help config validate'],
  oneShot: true,
  async run(ctx, words) {
    const { helpTopics, findTopic } = await import('../cli/topics.js');
    const wanted = words.join(' ');
    const topic = findTopic(wanted);
    if (topic) {
      if (ctx.globals.json) {
        if (topic.name === 'exit-codes') {
          const { exitCodeHelp } = await import('../exit-codes.js');
          ctx.out.data({ topic: topic.name, exitCodes: exitCodeHelp });
        } else ctx.out.data({ topic: topic.name, summary: topic.summary, lines: topic.body() });
        return;
      }
      ctx.out.line(`${ctx.out.paint.bold(topic.name)}: ${topic.summary}`);
      ctx.out.line();
      for (const l of topic.body()) ctx.out.line(`  ${l}`);
      return;
    }
    // A command: the same help text as `roseha COMMAND --help`, from the same commander tree.
    const { buildProgram } = await import('../cli/program.js');
    let cmd = buildProgram(async () => undefined);
    for (const w of words) {
      const sub = cmd.commands.find((c) => c.name() === w);
      if (!sub) {
        throw new RosehaError('RHA-E1015', `no help topic or command "${wanted}"; topics: ${helpTopics.map((t) => t.name).join(', ')}; commands: roseha --help`, {
          exitCode: ExitCode.usage,
        });
      }
      cmd = sub;
    }
    ctx.out.line(cmd.helpInformation().trimEnd());
    if (words.length === 0) {
      ctx.out.line();
      ctx.out.line('Help topics:');
      for (const t of helpTopics) ctx.out.line(`  roseha help ${t.name.padEnd(18)} ${t.summary}`);
    }
  },
});
