import { defineCommand } from './types.js';
import { connect, peerTarget, printResponse, seg, type OperatorClient } from './act.js';
import type { CommandContext } from './types.js';
import type { AgentEvent, StatusReport } from '../core/status.js';
import type { ActionResponse } from '../agent/api/routes.js';

export default defineCommand({
  name: 'move',
  summary: 'Planned switchover of a group to the other node (or NODE): waits and reports each step with its time',
  args: [
    { name: 'group', description: 'the group to move', required: true },
    { name: 'node', description: 'where to (default: the other node)' },
  ],
  options: [
    { flags: '--pin', description: 'keep the group there afterwards (until `roseha clear GROUP`); without it the move is transient' },
    { flags: '--wait <seconds>', description: 'how long to wait for the group to be active on the target', default: '120' },
    { flags: '--no-wait', description: 'return once the agent has accepted the move' },
  ],
  acts: true,
  examples: ['roseha move erp', 'roseha move erp node-b --pin', 'roseha move erp --dry-run', 'roseha move erp --no-wait --json'],
  async run(ctx, [group, node], opts) {
    // --no-wait sets wait to false; --wait SECONDS to a string.
    const waitS = opts.wait === false ? 0 : Number(opts.wait);
    if (opts.wait !== false && (!Number.isFinite(waitS) || waitS <= 0)) {
      const { RosehaError } = await import('../errors.js');
      throw new RosehaError('RHA-E5005', `--wait takes a number of seconds, not "${String(opts.wait)}"`, { exitCode: 2 });
    }
    const client = await connect(ctx);
    const dryRun = opts.dryRun === true;
    const started = Date.now();
    const res = await client.act(`/v1/groups/${seg(group!)}/move`, {
      ...(node ? { node } : {}),
      ...(opts.pin ? { pin: true } : {}),
      ...(dryRun ? { dryRun: true } : {}),
    });
    const noWait = opts.wait === false || dryRun || !res.accepted || res.from === res.to || !res.to;
    if (noWait) {
      if (ctx.globals.json) ctx.out.data({ dryRun, ...res, waited: false });
      else printResponse(ctx, res, dryRun);
      return;
    }
    if (!ctx.globals.json) printResponse(ctx, res, false);
    const peer = await peerClient(ctx, res.node);
    const outcome = await followMove(ctx, client, res, { started, timeoutMs: waitS * 1000, ...(peer ? { peer } : {}) });
    if (ctx.globals.json) ctx.out.data({ dryRun, ...res, waited: true, ...outcome });
    else if (outcome.done) ctx.out.line(`group ${group} active on ${res.to} after ${fmtS(outcome.elapsedMs)}`);
    if (!outcome.done) {
      const { RosehaError } = await import('../errors.js');
      if (outcome.failed) throw new RosehaError('RHA-E5003', `the move of ${group} failed: ${outcome.failed}; \`roseha status\` shows where it runs now`);
      throw new RosehaError(
        'RHA-E5004',
        `group ${group} is not active on ${res.to} after ${waitS} s; the move stays requested: \`roseha status\` shows its progress`,
      );
    }
  },
});

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The other node's agent, when this machine is a node whose config says how to reach it; else none. */
async function peerClient(ctx: CommandContext, self: string | undefined): Promise<OperatorClient | undefined> {
  if (ctx.globals.host || !self) return undefined;
  try {
    const { locateConfig } = await import('../config/locate.js');
    const { loadConfigOrThrow } = await import('../config/load.js');
    const { config } = loadConfigOrThrow(locateConfig(ctx.globals.config, ctx.env));
    const peer = await peerTarget(ctx, config, self);
    return peer?.target ? await connect(ctx, peer.target) : undefined;
  } catch {
    // No config here (a third machine): the peer's phases still show through this node's status.
    return undefined;
  }
}

export interface MoveStep {
  /** ms after the request. */
  atMs: number;
  node: string;
  code?: string;
  text: string;
  steps?: Array<{ resource: string; op: string; ms: number; ok: boolean }>;
}

export interface MoveOutcome {
  done: boolean;
  elapsedMs: number;
  steps: MoveStep[];
  failed?: string;
}

const stepCodes = new Set(['RHA-I2103', 'RHA-I2104', 'RHA-I2100', 'RHA-I2101', 'RHA-E2102', 'RHA-E2105']);

/**
 * Follows the agent's events (its own stop or start, with step timings) and polls its status (the
 * peer's phases, as heard in heartbeats) until the group is active on the target, fails, or time runs out.
 */
export async function followMove(
  ctx: CommandContext,
  client: OperatorClient,
  res: ActionResponse,
  opts: { started: number; timeoutMs: number; pollMs?: number; peer?: OperatorClient },
): Promise<MoveOutcome> {
  const group = res.group!;
  const steps: MoveStep[] = [];
  const abort = new AbortController();
  let failed: string | undefined;
  // Each node's last step of the move (the old node stopped, the new one active), as its stream brings it.
  const finalSteps = new Set<string>();
  const say = (s: MoveStep) => {
    steps.push(s);
    if (ctx.globals.json) return;
    ctx.out.line(`  +${fmtS(s.atMs).padStart(8)}  ${s.node}  ${s.text}`);
    for (const t of s.steps ?? []) ctx.out.line(`               ${t.op} ${t.resource}: ${t.ms} ms${t.ok ? '' : ' (failed)'}`);
  };
  const onEvent = (e: AgentEvent) => {
    if (e.group !== group || !stepCodes.has(e.code)) return;
    const data = e.data?.steps;
    // The agent's own time of the event (streams are replayed, so arrival says little).
    const at = Date.parse(e.at);
    say({ atMs: Number.isFinite(at) ? Math.max(0, at - opts.started) : Date.now() - opts.started, node: e.node, code: e.code, text: e.message, ...(Array.isArray(data) ? { steps: data as MoveStep['steps'] } : {}) });
    if (e.code === 'RHA-E2102' && e.node === res.to) failed = e.message;
    if (e.code === 'RHA-I2101' && e.node === res.to) finalSteps.add(e.node);
    if ((e.code === 'RHA-I2104' || e.code === 'RHA-E2105') && e.node === res.from) finalSteps.add(e.node);
  };
  const follow = (async () => {
    try {
      for await (const e of client.events({ ...(res.eventId !== undefined ? { since: res.eventId } : {}), signal: abort.signal })) onEvent(e);
    } catch {
      // The stream is a bonus (timings); the status poll decides.
    }
  })();
  // The peer's own events carry its step timings. Its ids are its own: replay its ring and keep what
  // happened since the request (allowing the clocks of the two nodes 2 s apart).
  let peerHeard = false;
  let peerGone = false;
  const followPeer = (async () => {
    if (!opts.peer) return;
    try {
      for await (const e of opts.peer.events({ since: 0, signal: abort.signal })) {
        peerHeard = true;
        if (Date.parse(e.at) >= opts.started - 2000) onEvent(e);
      }
    } catch {
      // Unreachable peer: its phases still show through this node's status.
    } finally {
      peerGone = true;
    }
  })();
  const seen = new Map<string, string>();
  let done = false;
  const deadline = opts.started + opts.timeoutMs;
  try {
    while (!done && !failed && Date.now() < deadline) {
      let s: StatusReport | undefined;
      try {
        s = await client.status();
      } catch {
        s = undefined;
      }
      const gs = s?.groups.find((g) => g.name === group);
      for (const [n, phase] of Object.entries(gs?.phases ?? {})) {
        // This node's own steps come with its events, and the peer's too when its stream answers.
        if (n === s!.node || phase === 'unknown' || peerHeard) continue;
        if (seen.get(n) !== undefined && seen.get(n) !== phase) say({ atMs: Date.now() - opts.started, node: n, text: `${group} ${phase} (seen in its heartbeat)` });
        seen.set(n, phase);
      }
      if (gs?.activeNode === res.to) done = true;
      else await new Promise((r) => setTimeout(r, opts.pollMs ?? 200));
    }
    // The status can show the group active before the nodes' own events (with their step timings)
    // have come down their streams (a stream still connecting on a busy machine): give them a
    // moment, so every step is reported. This node's stream always; the peer's while it answers.
    const until = Math.min(deadline, Date.now() + 1000);
    const streamed = (n: string | null | undefined) => !!n && (n === res.node || (!!opts.peer && !peerGone));
    const awaited = [res.from, res.to].filter(streamed) as string[];
    while (done && awaited.some((n) => !finalSteps.has(n)) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  } finally {
    abort.abort();
    await Promise.all([follow, followPeer]);
  }
  return { done, elapsedMs: Date.now() - opts.started, steps, ...(failed ? { failed } : {}) };
}
