// `node src/lab/run-ts.mjs src/lab/lab-cli.ts up|down|status [--prefix P] [--timing fast|balanced|safe]`:
// the lab by hand. `up` leaves it running (no agents) and prints where things are; `down` removes it,
// also one whose owner crashed.
import { labNames, labNodeNames } from './names.js';
import { Lab, labDown, labUnavailableReason } from './lab.js';
import { readLabState } from './state.js';
import type { TimingProfile } from '../config/timing.js';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const command = argv[0];
const prefix = opt('prefix') ?? 'rha';

async function main(): Promise<number> {
  const why = await labUnavailableReason();
  if (why) {
    process.stderr.write(`RHA-E4002 ${why}\n`);
    return 1;
  }
  const names = labNames(prefix, opt('run-dir'));
  if (command === 'up') {
    const lab = await Lab.up({ prefix, runDir: opt('run-dir'), timing: (opt('timing') as TimingProfile | undefined) ?? 'balanced', observe: false });
    const out = {
      runDir: names.runDir,
      namespaces: { ...Object.fromEntries(labNodeNames.map((n) => [n, names.nodes[n].netns])), client: names.clientNetns, switch: names.switchNetns },
      disks: lab.disks,
      configs: Object.fromEntries(labNodeNames.map((n) => [n, lab.configFile(n)])),
      vip: `${names.vip}:${names.servicePort}`,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  if (command === 'down') {
    process.stdout.write(JSON.stringify(await labDown(names)) + '\n');
    return 0;
  }
  if (command === 'status') {
    const state = await readLabState(names.stateFile);
    process.stdout.write(JSON.stringify(state ?? { up: false, prefix }, null, 2) + '\n');
    return 0;
  }
  process.stderr.write('usage: lab-cli up|down|status [--prefix P] [--run-dir DIR] [--timing fast|balanced|safe]\n');
  return 2;
}

process.exitCode = await main();
