// What the commands that act share: how they reach the agent (a seam that tests replace with a fake
// that fails on unexpected calls), how they print the agent's answer, and the dry-run rendering.
import type { CommandContext } from './types.js';
import type { AgentEvent, StatusReport } from '../core/status.js';
import type { ActionResponse } from '../agent/api/routes.js';
import type { ClientTarget } from '../client/index.js';

/** The part of AgentClient the operator's commands use (AgentClient fits). */
export interface OperatorClient {
  call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  status(): Promise<StatusReport>;
  act(path: string, body: Record<string, unknown>): Promise<ActionResponse>;
  events(opts?: { since?: number; signal?: AbortSignal }): AsyncGenerator<AgentEvent>;
}

/** Without a target: the local agent (or --host's); with one: that agent (the peer, for `roseha log`). */
export type Connector = (ctx: CommandContext, target?: ClientTarget) => Promise<OperatorClient>;

const realConnect: Connector = async (ctx, target) => {
  const { AgentClient } = await import('../client/index.js');
  if (target) return new AgentClient(target);
  const { clientTarget } = await import('../client/locate.js');
  return new AgentClient(clientTarget(ctx.globals, ctx.env));
};

let connector: Connector = realConnect;

export const connect = (ctx: CommandContext, target?: ClientTarget): Promise<OperatorClient> => connector(ctx, target);

/** Tests only: every command of this module family talks to `c` until the returned function is called. */
export function useConnector(c: Connector): () => void {
  connector = c;
  return () => {
    connector = realConnect;
  };
}

/** Path segment: group and node names are config names, but never trust them in a URL. */
export const seg = (s: string): string => encodeURIComponent(s);

/** Posts an operator request and prints the answer: JSON, or the message and the plan (dry run: with the commands). */
export async function actAndReport(
  ctx: CommandContext,
  path: string,
  body: Record<string, unknown>,
  opts: Record<string, unknown>,
): Promise<ActionResponse> {
  const client = await connect(ctx);
  const dryRun = opts.dryRun === true;
  const res = await client.act(path, { ...body, ...(dryRun ? { dryRun: true } : {}) });
  if (ctx.globals.json) ctx.out.data({ dryRun, ...res });
  else printResponse(ctx, res, dryRun);
  return res;
}

export function printResponse(ctx: CommandContext, res: ActionResponse, dryRun: boolean): void {
  const p = ctx.out.paint;
  ctx.out.line(dryRun ? `${p.yellow('dry run')}: would do: ${res.message} (nothing changed)` : res.message);
  for (const step of res.plan) {
    ctx.out.line(`  ${p.bold(step.node)}  ${step.step}`);
    if (dryRun) for (const c of step.commands ?? []) ctx.out.line(`      ${p.grey('$')} ${c}`);
  }
  for (const hint of res.hints ?? []) ctx.out.line(p.grey(`hint: ${hint}`));
}

export interface PeerTarget {
  node: string;
  /** Where it is reached, for messages. */
  via: string;
  target?: ClientTarget;
  /** Why it cannot be reached (no token…). */
  error?: string;
}

/**
 * The other node's API, from this node's config: ROSEHA_PEER_SOCKET when set (both agents on one
 * machine), else its public address and api.port over TLS, with this node's token and certificate
 * (the same on both nodes). Undefined when this node is not known.
 */
export async function peerTarget(ctx: CommandContext, config: { node: Array<{ name: string; public: string }>; api: { port: number } }, self: string | undefined): Promise<PeerTarget | undefined> {
  const peer = config.node.find((n) => n.name !== self);
  if (!self || !peer) return undefined;
  if (ctx.env.ROSEHA_PEER_SOCKET) return { node: peer.name, via: ctx.env.ROSEHA_PEER_SOCKET, target: { socketPath: ctx.env.ROSEHA_PEER_SOCKET, timeoutMs: 3000 } };
  const host = `${peer.public}:${config.api.port}`;
  const { remoteTarget } = await import('../client/locate.js');
  try {
    return { node: peer.name, via: host, target: { ...remoteTarget({ ...ctx.globals, host }, ctx.env), timeoutMs: 3000 } };
  } catch (err) {
    return { node: peer.name, via: host, error: (err as Error).message };
  }
}
