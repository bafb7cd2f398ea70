// Operator requests from the API turned into cluster intents, after checking that the cluster state
// allows them. A refusal says what, why and how to fix it, with a code, and changes nothing.
// planRequest is pure; withCommands adds the exact OS commands of each step (the dry-run runner).
import type { EffectiveConfig } from '../config/load.js';
import type { GroupConfig } from '../config/schema.js';
import type { IntentChange } from '../core/intents.js';
import type { StatusReport } from '../core/status.js';
import type { DriverTable, TargetPlatform } from '../actions/types.js';
import { RosehaError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { ActionRequest, ActionResponse } from './api/routes.js';

const refuse = (code: string, message: string) => new RosehaError(code, message, { exitCode: ExitCode.refused });
const notFound = (code: string, message: string) => new RosehaError(code, message, { exitCode: ExitCode.usage });

export interface OperatorView {
  config: EffectiveConfig;
  self: string;
  status: StatusReport;
}

type PlanStep = ActionResponse['plan'][number];

/** Stop on `from` in reverse order, start on `to` in order: the steps of a switchover. */
export function switchoverSteps(g: GroupConfig, from: string | null, to: string | null): PlanStep[] {
  return [
    ...(from ? [...g.resource].reverse().map((r) => ({ node: from, step: `stop ${r.type} ${r.name}` })) : []),
    ...(to ? g.resource.map((r) => ({ node: to, step: `start ${r.type} ${r.name}` })) : []),
  ];
}

const pinOf = (status: StatusReport, group: string) => status.intents.find((i) => i.kind === 'pin' && i.target === group);
const clearHint = (group: string, detail?: string) => `${group} is pinned${detail ? ` (${detail})` : ''}: \`roseha clear ${group}\` lifts the pin`;

/** Validates a request against the cluster state; returns the intent change and the announced plan. */
export function planRequest(req: ActionRequest, v: OperatorView): { change: IntentChange | null; response: ActionResponse } {
  const groups = v.config.group;
  const nodeNames = v.config.node.map((n) => n.name);
  const group = 'group' in req && req.group !== undefined ? req.group : undefined;
  if (group !== undefined && !groups[group]) {
    throw notFound('RHA-E2071', `no group "${group}"; the groups are ${Object.keys(groups).join(', ') || '(none)'}`);
  }
  const response = (message: string, plan: ActionResponse['plan'] = [], extra: Partial<ActionResponse> = {}): ActionResponse => ({
    accepted: !req.dryRun,
    plan,
    message,
    node: v.self,
    ...extra,
  });
  const groupStatus = (name: string) => v.status.groups.find((x) => x.name === name);

  switch (req.kind) {
    case 'move': {
      const g = groups[req.group]!;
      const gs = groupStatus(req.group);
      const from = gs?.activeNode ?? null;
      const to = req.node ?? g.nodes.find((n) => n !== from) ?? nodeNames.find((n) => n !== from);
      if (!to || !nodeNames.includes(to)) throw notFound('RHA-E2072', `no node "${req.node}"; the nodes are ${nodeNames.join(', ')}`);
      if (!g.nodes.includes(to)) throw refuse('RHA-E2073', `group ${req.group} may not run on ${to} (its nodes are ${g.nodes.join(', ')}); add ${to} to group.${req.group}.nodes first`);
      if (v.status.maintenance) throw refuse('RHA-E2074', 'the cluster is in maintenance: nothing moves; run `roseha maintenance off` first');
      const target = v.status.nodes.find((n) => n.name === to);
      if (!target?.alive) throw refuse('RHA-E2075', `${to} is not alive: a group cannot move to it; check its agent and links`);
      if (target.standby) throw refuse('RHA-E2076', `${to} is in standby; run \`roseha node online ${to}\` first`);
      if (target.publicOk === false || (g.resource.some((r) => r.type === 'volume') && target.storageOk === false)) {
        throw refuse('RHA-E2077', `${to} is not healthy (public network or storage path down): moving ${req.group} there would stop the service`);
      }
      const busy = Object.entries(gs?.phases ?? {}).find(([, p]) => p === 'starting' || p === 'stopping');
      if (busy) throw refuse('RHA-E5001', `group ${req.group} is ${busy[1]} on ${busy[0]}: wait until it settles (\`roseha status\`), then move it`);
      const pin = pinOf(v.status, req.group);
      const hints = req.pin ? [clearHint(req.group, `to ${to}`)] : pin && pin.detail !== `to ${to}` ? [`the pin ${pin.detail} is replaced by this move (transient)`] : [];
      const extra = { group: req.group, from, to, ...(hints.length ? { hints } : {}) };
      if (from === to) {
        return { change: req.pin ? { kind: 'move', group: req.group, to, pin: true } : null, response: response(`group ${req.group} already runs on ${to}`, [], extra) };
      }
      return {
        change: { kind: 'move', group: req.group, to, pin: req.pin === true },
        response: response(`moving group ${req.group} from ${from ?? '(nowhere)'} to ${to}${req.pin ? ' (pinned)' : ''}`, switchoverSteps(g, from, to), extra),
      };
    }
    case 'clear': {
      const move = v.status.intents.find((i) => (i.kind === 'pin' || i.kind === 'move') && i.target === req.group);
      if (!move) return { change: null, response: response(`group ${req.group} has no move or pin to clear`) };
      return { change: { kind: 'clear-move', group: req.group }, response: response(`cleared the ${move.kind} of ${req.group} (${move.detail ?? ''}): placement follows the preference order and failback again`) };
    }
    case 'lock':
      return { change: { kind: 'lock', group: req.group, ...(req.reason ? { reason: req.reason } : {}) }, response: response(`group ${req.group} locked: it will not be moved automatically`) };
    case 'unlock': {
      const locked = v.status.intents.some((i) => i.kind === 'lock' && i.target === req.group);
      const pin = pinOf(v.status, req.group);
      const hints = pin ? [clearHint(req.group, pin.detail)] : [];
      if (!locked) return { change: null, response: response(`group ${req.group} is not locked by an operator`, [], hints.length ? { hints } : {}) };
      return { change: { kind: 'unlock', group: req.group }, response: response(`group ${req.group} unlocked`, [], hints.length ? { hints } : {}) };
    }
    case 'standby':
    case 'online': {
      if (!nodeNames.includes(req.node)) throw notFound('RHA-E2072', `no node "${req.node}"; the nodes are ${nodeNames.join(', ')}`);
      const inStandby = v.status.nodes.find((n) => n.name === req.node)?.standby === true;
      if (req.kind === 'standby') {
        if (inStandby) return { change: null, response: response(`${req.node} is already in standby`) };
        const other = v.status.nodes.find((n) => n.name !== req.node);
        const moving = v.status.groups.filter((x) => x.activeNode === req.node).map((x) => x.name);
        if (moving.length && !other?.alive) throw refuse('RHA-E2078', `${req.node} runs ${moving.join(', ')} and the other node is not alive: draining would stop the service`);
        if (moving.length && v.status.maintenance) throw refuse('RHA-E2074', `the cluster is in maintenance: ${moving.join(', ')} would not move; run \`roseha maintenance off\` first`);
        const plan = moving.flatMap((name) => {
          const g = groups[name]!;
          return switchoverSteps(g, req.node, g.nodes.includes(other!.name) ? other!.name : null);
        });
        return { change: { kind: 'standby', node: req.node }, response: response(`${req.node} in standby${moving.length ? `: moving ${moving.join(', ')} away` : ''}`, plan) };
      }
      if (!inStandby) return { change: null, response: response(`${req.node} is not in standby`) };
      return { change: { kind: 'online', node: req.node }, response: response(`${req.node} back online: it may run groups again (failback follows each group's setting)`) };
    }
    case 'maintenance':
      if (v.status.maintenance === req.on) return { change: null, response: response(`maintenance is already ${req.on ? 'on' : 'off'}`) };
      return { change: { kind: 'maintenance', on: req.on }, response: response(req.on ? 'maintenance on: roseha starts, stops and moves nothing; resources stay as they are' : 'maintenance off: roseha manages the groups again') };
    case 'cleanup':
      return { change: null, response: response(`failure counts cleared${req.group ? ` for ${req.group}` : ' for every group'}`) };
  }
}

export interface CommandSource {
  platform: TargetPlatform;
  drivers: DriverTable;
  /** Where pid files go on the nodes (shown in the commands). */
  stateDir?: string;
}

/**
 * Fills each `start|stop TYPE NAME` step with the exact OS commands that node would run, from the
 * real drivers on the dry-run runner (both nodes run the same platform and the same config).
 */
export async function withCommands(res: ActionResponse, config: EffectiveConfig, req: ActionRequest, src: CommandSource): Promise<ActionResponse> {
  const { commandsFor } = await import('../actions/dryrun.js');
  const cache = new Map<string, Map<string, string[]>>();
  const commandsOf = async (op: 'start' | 'stop', group: string, node: string): Promise<Map<string, string[]>> => {
    const key = `${op}\0${group}\0${node}`;
    let byResource = cache.get(key);
    if (!byResource) {
      const n = config.node.find((x) => x.name === node);
      const plan = await commandsFor(op, group, config.group[group]!, {
        platform: src.platform,
        drivers: src.drivers,
        ...(src.stateDir ? { stateDir: src.stateDir } : {}),
        ...(n ? { node: { name: n.name, public: n.public, private: n.private } } : {}),
        ...(config.heartbeat.gateway ? { gateway: config.heartbeat.gateway } : {}),
      });
      byResource = new Map();
      for (const s of plan.steps) byResource.set(s.resource, [...(byResource.get(s.resource) ?? []), src.platform === 'windows' ? await readableCommand(s.text) : s.text]);
      if (plan.error) byResource.set('\0error', [`# ${plan.error.code} ${plan.error.message}`]);
      cache.set(key, byResource);
    }
    return byResource;
  };
  // Steps of a standby name no group; find it by the resource name among the groups.
  const groupOfResource = (name: string): string | undefined =>
    ('group' in req && req.group) || Object.entries(config.group).find(([, g]) => g.resource.some((r) => r.name === name))?.[0];
  const plan: PlanStep[] = [];
  for (const step of res.plan) {
    const m = /^(start|stop) (\S+) (.+)$/.exec(step.step);
    const group = m ? groupOfResource(m[3]!) : undefined;
    if (!m || !group || !config.group[group]) {
      plan.push(step);
      continue;
    }
    const byResource = await commandsOf(m[1] as 'start' | 'stop', group, step.node);
    plan.push({ ...step, commands: byResource.get(m[3]!) ?? byResource.get('\0error') ?? [] });
  }
  return { ...res, plan };
}

/**
 * A dry-run command line made readable: a Windows PowerShell call (`ROSEHA_ARGS='…' powershell.exe …
 * -EncodedCommand BASE64`) becomes its script's name and summary with the JSON arguments; anything
 * else is returned as it is.
 */
export async function readableCommand(text: string): Promise<string> {
  const m = /^ROSEHA_ARGS=('(?:[^']|'\\'')*'|\S+) (powershell\.exe) .*-EncodedCommand (\S+)$/.exec(text);
  if (!m) return text;
  const raw = m[1]!;
  const json = raw.startsWith("'") ? raw.slice(1, -1).replace(/'\\''/g, "'") : raw;
  const { describeWindowsCommand } = await import('../actions/windows/describe.js');
  return describeWindowsCommand({ file: m[2]!, args: ['-EncodedCommand', m[3]!], env: { ROSEHA_ARGS: json } });
}
