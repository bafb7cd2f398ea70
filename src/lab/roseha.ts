// The roseha agents of a lab, as the end-to-end tests, the demo and the bench drive them: start a
// node's agent, find its guardian and worker, ask its API for status, read its JSON log, run the CLI
// against it. Everything goes through the real binary (bin/roseha) and the real socket.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgentClient } from '../client/index.js';
import type { StatusReport } from '../core/status.js';
import { RosehaError } from '../errors.js';
import { tryRun, waitFor } from './exec.js';
import type { Lab } from './lab.js';
import { labNodeNames, type LabNodeName } from './names.js';
import { rosehaBin } from './paths.js';
import { cmdlineOf } from './proc-usage.js';

/** One line of an agent's JSON log (pino): `time` is wall-clock epoch ms. */
export interface AgentLogLine {
  time: number;
  level: number;
  code?: string;
  role?: string;
  group?: string;
  msg?: string;
  [key: string]: unknown;
}

export class LabRoseha {
  private readonly guardians: Partial<Record<LabNodeName, number>> = {};
  private readonly clients: Partial<Record<LabNodeName, AgentClient>> = {};

  constructor(readonly lab: Lab) {}

  stateDir(node: LabNodeName): string {
    return join(this.lab.names.nodes[node].dir, 'state');
  }

  logFile(node: LabNodeName): string {
    return join(this.lab.names.nodes[node].dir, 'roseha.log');
  }

  socket(node: LabNodeName): string {
    return join(this.stateDir(node), 'roseha.sock');
  }

  /** Starts the node's agent (`roseha agent` in its namespace); returns the guardian's pid. */
  async start(node: LabNodeName): Promise<number> {
    const pid = await this.lab.startAgent(node);
    this.guardians[node] = pid;
    return pid;
  }

  guardianPid(node: LabNodeName): number | undefined {
    return this.guardians[node];
  }

  /** The guardian's current worker: its child that runs `roseha agent` (not a resource it started). */
  async workerPid(node: LabNodeName): Promise<number | undefined> {
    const g = this.guardians[node];
    if (g === undefined) return undefined;
    let children: string[];
    try {
      children = (await readFile(`/proc/${g}/task/${g}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean);
    } catch {
      return undefined;
    }
    for (const c of children.map(Number)) {
      const argv = await cmdlineOf(c);
      if (argv.includes('agent')) return c;
    }
    return undefined;
  }

  /** Waits for a worker other than `not` (a restarted one) and returns its pid. */
  async waitWorker(node: LabNodeName, timeoutMs: number, not?: number): Promise<number> {
    return waitFor(`${node}'s worker`, async () => {
      const w = await this.workerPid(node);
      return w !== undefined && w !== not ? w : undefined;
    }, timeoutMs);
  }

  /** The guardian and its worker: the processes that are "roseha" on that node. */
  async rosehaPids(node: LabNodeName): Promise<number[]> {
    const g = this.guardians[node];
    const w = await this.workerPid(node);
    return [g, w].filter((p): p is number => p !== undefined);
  }

  client(node: LabNodeName): AgentClient {
    return (this.clients[node] ??= new AgentClient({ socketPath: this.socket(node), timeoutMs: 2000 }));
  }

  /** The node's status over its socket, or undefined while it does not answer. */
  async status(node: LabNodeName): Promise<StatusReport | undefined> {
    try {
      return await this.client(node).status();
    } catch {
      return undefined;
    }
  }

  async waitStatus(node: LabNodeName, what: string, pred: (s: StatusReport) => boolean, timeoutMs: number): Promise<StatusReport> {
    let last: StatusReport | undefined;
    try {
      return await waitFor(`${node}: ${what}`, async () => {
        last = await this.status(node);
        return last && pred(last) ? last : undefined;
      }, timeoutMs, 25);
    } catch (err) {
      const groups = last ? JSON.stringify(last.groups.map((g) => ({ name: g.name, activeNode: g.activeNode, phases: g.phases, locked: g.locked }))) : 'no answer';
      throw new RosehaError('RHA-E4004', `${(err as Error).message}; last status: ${groups}`);
    }
  }

  /**
   * Both agents answer, each sees the other alive, and both agree that exactly one node runs `group`
   * (a node that has just started may still show what the peer's disk slot said before): returns it.
   */
  async waitSettled(timeoutMs: number, group = 'web'): Promise<LabNodeName> {
    const view = (s: StatusReport | undefined): string | undefined => {
      const g = s?.groups.find((x) => x.name === group);
      const peer = s?.nodes.find((n) => !n.self);
      if (!g?.activeNode || peer?.alive !== true) return undefined;
      return Object.values(g.phases).filter((p) => p !== 'stopped').length === 1 ? g.activeNode : undefined;
    };
    let seen: Array<string | undefined> = [];
    try {
      return await waitFor(`both nodes to agree that ${group} runs on one node`, async () => {
        seen = await Promise.all(labNodeNames.map(async (n) => view(await this.status(n))));
        return seen[0] !== undefined && seen[0] === seen[1] ? (seen[0] as LabNodeName) : undefined;
      }, timeoutMs, 25);
    } catch (err) {
      throw new RosehaError('RHA-E4004', `${(err as Error).message}; last seen: node-a says ${seen[0] ?? '?'}, node-b says ${seen[1] ?? '?'}`);
    }
  }

  /** The agent's JSON log (guardian and worker), parsed; lines that are not JSON are skipped. */
  async log(node: LabNodeName): Promise<AgentLogLine[]> {
    const text = await readFile(this.logFile(node), 'utf8').catch(() => '');
    const out: AgentLogLine[] = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        out.push(JSON.parse(line) as AgentLogLine);
      } catch {
        // half-written last line
      }
    }
    return out;
  }

  /** Log lines with one of `codes` written at or after `sinceWallMs`. */
  async logged(node: LabNodeName, codes: string | string[], sinceWallMs = 0): Promise<AgentLogLine[]> {
    const want = Array.isArray(codes) ? codes : [codes];
    return (await this.log(node)).filter((l) => l.code !== undefined && want.includes(l.code) && l.time >= sinceWallMs);
  }

  async waitLogged(node: LabNodeName, code: string, sinceWallMs: number, timeoutMs: number): Promise<AgentLogLine> {
    return waitFor(`${node} to log ${code}`, async () => (await this.logged(node, code, sinceWallMs))[0], timeoutMs, 25);
  }

  /** Runs the roseha CLI against the node's agent (from the node's namespace, with its config). */
  async cli(node: LabNodeName, args: string[], timeoutMs = 20_000) {
    return this.lab.exec(node, process.execPath, [rosehaBin(), ...args, '--config', this.lab.configFile(node)], timeoutMs);
  }

  /**
   * Kills every process of the node (its agent, its service) and removes the VIP it may have left:
   * a clean slate for the next start (the mount goes with its processes' mount namespace).
   */
  async wipe(node: LabNodeName): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const pids = await this.lab.faults.processesOf(node);
      if (pids.length === 0) break;
      this.lab.faults.signal(pids, 'SIGCONT');
      this.lab.faults.signal(pids, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 20));
    }
    delete this.guardians[node];
    const n = this.lab.names.nodes[node];
    await tryRun(this.lab.runner, { file: 'ip', args: ['-n', n.netns, 'addr', 'del', `${this.lab.names.vip}/${this.lab.names.vipPrefixLen}`, 'dev', n.publicIf] });
  }
}
