// The yardstick for bench:cli: a plain program on commander + chalk + cli-table3 + smol-toml
// that parses a TOML file. bench/cli.mjs times it as written and bundled by esbuild, beside roseha.
import { Command } from 'commander';
import chalk from 'chalk';
import Table from 'cli-table3';
import { parse } from 'smol-toml';
const program = new Command('ref');
program.command('validate <file>').action(async (file) => {
  const { readFileSync } = await import('node:fs');
  const doc = parse(readFileSync(file, 'utf8'));
  const t = new Table({ head: ['key'] });
  for (const k of Object.keys(doc)) t.push([k]);
  if (process.stdout.isTTY) console.log(chalk.green(t.toString())); else console.log(Object.keys(doc).length);
});
program.parse();
