import { defineCommand } from './types.js';
import type { CommandContext } from './types.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';

export default defineCommand({
  name: 'simulate',
  summary: 'Run a fault scenario on a simulated two-node cluster: the decisions, and the exact OS commands each node would run',
  args: [
    {
      name: 'scenario',
      description:
        'steps, each after the cluster settled (or "at 5s STEP"): crash|boot|restart NODE, cut|heal private|public [FROM>TO], pause|freeze NODE MS, public-down|public-up|storage-broken|storage-ok NODE, fail|cleanup GROUP NODE, move GROUP NODE [pin], lock|unlock GROUP, standby|online NODE, maintenance on|off',
      variadic: true,
    },
  ],
  options: [
    { flags: '--platform <platform>', description: 'whose OS commands to show', choices: ['linux', 'windows'], default: 'linux' },
    { flags: '--input <file>', description: 'replay a decision ring saved from GET /v1/decisions and flag any difference' },
    { flags: '--until <ms>', description: 'simulated time to run to (default: the last step plus 4 × dead_after_ms)' },
    { flags: '--seed <n>', description: 'seed of the simulated network delays', default: '1' },
    { flags: '--all', description: 'also show the link alerts and phase changes, not only faults, decisions and commands' },
  ],
  examples: [
    'roseha simulate --platform windows crash node-a',
    'roseha simulate "cut private" "heal private"',
    'roseha simulate "move erp node-b" "at 10s crash node-b"',
    'roseha simulate pause node-a 3000',
    'roseha simulate --input decisions.json',
  ],
  async run(ctx, args, opts) {
    if (typeof opts.input === 'string') return replay(ctx, opts.input);
    if (args.length === 0) throw new RosehaError('RHA-E5020', 'give a scenario (e.g. `roseha simulate crash node-a`) or --input FILE', { exitCode: ExitCode.usage });
    return runScenario(ctx, args, opts);
  },
});

const verbs = new Set([
  'crash', 'boot', 'restart', 'cut', 'heal', 'pause', 'freeze', 'public-down', 'public-up', 'storage-broken', 'storage-ok',
  'fail', 'cleanup', 'move', 'clear-move', 'lock', 'unlock', 'standby', 'online', 'maintenance',
]);

/**
 * The scenario as parseSteps() reads it: quoted steps ("crash node-a" "heal private") are one each;
 * bare words (crash node-a cut private) are split where a verb begins; `at 5s VERB …` stays whole.
 */
export function scenarioText(args: readonly string[]): string {
  const words = args.flatMap((a) => (/[;\n]/.test(a) ? [a] : a.trim().split(/\s+/)));
  const steps: string[][] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/[;\n]/.test(w)) {
      steps.push([w]);
      continue;
    }
    if (w === 'at') {
      steps.push([w, words[i + 1] ?? '', words[i + 2] ?? '']);
      i += 2;
    } else if (verbs.has(w) || steps.length === 0) steps.push([w]);
    else steps[steps.length - 1]!.push(w);
  }
  return steps.map((s) => s.join(' ')).join('; ');
}

function defaultConfigFile(ctx: CommandContext, exists: (f: string) => boolean): string {
  if (ctx.globals.config) return ctx.globals.config;
  if (exists('examples/roseha.toml')) return 'examples/roseha.toml';
  if (ctx.env.ROSEHA_CONFIG) return ctx.env.ROSEHA_CONFIG;
  return '';
}

interface PrintedEntry {
  t: number;
  node: string;
  kind: string;
  text: string;
  group?: string;
  op?: 'start' | 'stop';
  commands?: string[];
}

async function runScenario(ctx: CommandContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const { existsSync } = await import('node:fs');
  const { locateConfig } = await import('../config/locate.js');
  const { loadConfigOrThrow } = await import('../config/load.js');
  const { simulate, parseSteps } = await import('../core/sim.js');
  const { simConfigFrom } = await import('../core/from-config.js');
  const { commandsFor } = await import('../actions/dryrun.js');
  const { driversFor } = await import('../actions/index.js');
  const { readableCommand } = await import('../agent/operator.js');
  const platform = opts.platform === 'windows' ? 'windows' : 'linux';
  const file = defaultConfigFile(ctx, existsSync) || locateConfig(undefined, ctx.env);
  const { config } = loadConfigOrThrow(file);
  const names = config.node.map((n) => n.name) as [string, string];
  const { heartbeat_ms: hb, dead_after_ms: deadAfter } = config.timing;
  // Each step waits for a settled cluster: the boot wait, a handover and the group's start.
  const gapMs = Math.max(3 * deadAfter, 2000);
  const text = scenarioText(args);
  const steps = parseSteps(text, gapMs);
  for (const s of steps) {
    const f = s.fault as { node?: string; to?: string; group?: string };
    for (const n of [f.node, f.to]) if (n !== undefined && !names.includes(n)) throw new RosehaError('RHA-E5022', `the scenario names node "${n}"; the config's nodes are ${names.join(', ')}`, { exitCode: ExitCode.usage });
    if (f.group !== undefined && !config.group[f.group]) throw new RosehaError('RHA-E5022', `the scenario names group "${f.group}"; the config's groups are ${Object.keys(config.group).join(', ') || '(none)'}`, { exitCode: ExitCode.usage });
  }
  const lastAt = steps.reduce((t, s) => Math.max(t, s.at), 0);
  const untilMs = opts.until !== undefined ? Number(opts.until) : lastAt + Math.max(4 * deadAfter, 3000);
  if (!Number.isFinite(untilMs) || untilMs <= 0) throw new RosehaError('RHA-E5020', `--until takes simulated milliseconds, not "${String(opts.until)}"`, { exitCode: ExitCode.usage });
  const result = simulate(
    { ...simConfigFrom(config), nodes: names, timing: { heartbeat_ms: hb, dead_after_ms: deadAfter }, seed: Number(opts.seed) || 1 },
    steps,
    untilMs,
  );

  const drivers = await driversFor(platform);
  const cache = new Map<string, string[]>();
  const commands = async (op: 'start' | 'stop', group: string, node: string): Promise<string[]> => {
    const key = `${op}\0${group}\0${node}`;
    if (!cache.has(key)) {
      const n = config.node.find((x) => x.name === node)!;
      const plan = await commandsFor(op, group, config.group[group]!, {
        platform,
        drivers,
        node: { name: n.name, public: n.public, private: n.private },
        ...(config.heartbeat.gateway ? { gateway: config.heartbeat.gateway } : {}),
      });
      const lines: string[] = [];
      for (const s of plan.steps) lines.push(`${s.resource}: ${platform === 'windows' ? await readableCommand(s.text) : s.text}`);
      if (plan.error) lines.push(`# ${plan.error.code} ${plan.error.message}`);
      cache.set(key, lines);
    }
    return cache.get(key)!;
  };

  const printed: PrintedEntry[] = [];
  for (const e of result.timeline) {
    const op = e.action?.type === 'start' || e.action?.type === 'stop' ? e.action.type : e.kind === 'guardian' ? 'stop' : undefined;
    const wanted = opts.all === true || e.kind === 'fault' || e.kind === 'action' || e.kind === 'guardian' || (e.kind === 'alert' && !/RHA-W2502|Cleared/.test(e.text));
    if (!wanted) continue;
    const entry: PrintedEntry = { t: e.t, node: e.node, kind: e.kind, text: e.text, ...(e.group ? { group: e.group } : {}) };
    if (op && e.group) {
      entry.op = op;
      entry.commands = await commands(op, e.group, e.node);
    }
    printed.push(entry);
  }

  if (ctx.globals.json) {
    ctx.out.data({ config: file, platform, scenario: text, steps, untilMs, timeline: printed, overlaps: result.overlaps, final: result.final });
  } else {
    const p = ctx.out.paint;
    ctx.out.line(`${p.bold('scenario')}: ${text}   (config ${file}, ${platform}, heartbeat ${hb} ms, dead after ${deadAfter} ms; simulated time)`);
    for (const e of printed) {
      const t = `t=${(e.t / 1000).toFixed(3)}s`.padEnd(11);
      const what = e.kind === 'fault' ? p.yellow(`FAULT ${e.text}`) : e.kind === 'action' ? p.bold(e.text) : e.kind === 'guardian' ? p.red(e.text) : e.text;
      ctx.out.line(`${t} ${e.node.padEnd(8)} ${what}`);
      for (const c of e.commands ?? []) ctx.out.line(`${' '.repeat(21)}${p.grey('$')} ${c}`);
    }
    ctx.out.line(`${p.bold('final')}: ${Object.entries(result.final).map(([n, f]) => `${n} ${f.up ? f.role : 'down'} (${Object.entries(f.phases).map(([g, ph]) => `${g} ${ph}`).join(', ')})`).join('; ')}`);
  }
  if (result.overlaps.length > 0) {
    const o = result.overlaps[0]!;
    ctx.out.error('RHA-E5023', `both nodes held ${o.group} from t=${o.from} to t=${o.to} ms in this simulation (${result.overlaps.length} overlap(s)): a bug worth a report`);
    return ExitCode.error;
  }
  return ExitCode.ok;
}

/** `--input`: re-runs decide() on each saved input and compares with the saved actions. */
async function replay(ctx: CommandContext, file: string): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const { decide } = await import('../core/decide.js');
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RosehaError('RHA-E5024', `cannot read the decision ring ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { exitCode: ExitCode.usage });
  }
  const ring = Array.isArray(doc) ? doc : (doc as { decisions?: unknown }).decisions;
  if (!Array.isArray(ring)) throw new RosehaError('RHA-E5024', `${file} is not a decision ring (the JSON of GET /v1/decisions: {"decisions": [...]})`, { exitCode: ExitCode.usage });
  type Saved = { input: Parameters<typeof decide>[0]; memoryBefore: Parameters<typeof decide>[1]; actions: unknown[] };
  const rows: Array<{ index: number; now: number; self: string; actions: unknown[]; saved: unknown[]; same: boolean }> = [];
  ring.forEach((raw, index) => {
    const d = raw as Saved;
    if (!d || typeof d !== 'object' || !d.input || !d.memoryBefore || !Array.isArray(d.actions)) {
      throw new RosehaError('RHA-E5024', `entry ${index} of ${file} has no input, memoryBefore and actions`, { exitCode: ExitCode.usage });
    }
    const { plan } = decide(d.input, d.memoryBefore);
    rows.push({ index, now: d.input.now, self: d.input.self, actions: plan.actions, saved: d.actions, same: JSON.stringify(plan.actions) === JSON.stringify(d.actions) });
  });
  const differ = rows.filter((r) => !r.same);
  if (ctx.globals.json) ctx.out.data({ file, entries: rows.length, differences: differ.length, decisions: rows });
  else {
    const p = ctx.out.paint;
    const show = (a: unknown) => {
      const x = a as { type: string; group?: string; reason?: string; code?: string; text?: string };
      return x.type === 'alert' ? `alert ${x.code} ${x.text}` : `${x.type} ${x.group ?? ''}${x.reason ? ` (${x.reason})` : ''}`;
    };
    for (const r of rows) {
      ctx.out.line(`#${r.index} ${r.self} now=${Math.round(r.now)} ms${r.same ? '' : `  ${p.red('DIFFERS')}`}`);
      for (const a of r.actions) ctx.out.line(`    ${show(a)}`);
      if (!r.same) for (const a of r.saved) ctx.out.line(`    ${p.grey(`saved: ${show(a)}`)}`);
    }
    ctx.out.line(`${rows.length} decision(s) replayed, ${differ.length} different`);
  }
  if (differ.length) {
    ctx.out.error('RHA-E5025', `${differ.length} replayed decision(s) differ from what the agent decided (first: #${differ[0]!.index}): the agent ran other code, or the ring was edited`);
    return ExitCode.error;
  }
  return ExitCode.ok;
}
