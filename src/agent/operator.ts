// Operator requests from the API turned into cluster intents, after checking that the cluster state
// allows them. A refusal says what, why and how to fix it, with a code, and changes nothing.
import type { EffectiveConfig } from '../config/load.js';
import type { IntentChange } from '../core/intents.js';
import type { StatusReport } from '../core/status.js';
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

/** Validates a request against the cluster state; returns the intent change and the announced plan. */
export function planRequest(req: ActionRequest, v: OperatorView): { change: IntentChange | null; response: ActionResponse } {
  const groups = v.config.group;
  const nodeNames = v.config.node.map((n) => n.name);
  const group = 'group' in req && req.group !== undefined ? req.group : undefined;
  if (group !== undefined && !groups[group]) {
    throw notFound('RHA-E2071', `no group "${group}"; the groups are ${Object.keys(groups).join(', ') || '(none)'}`);
  }
  const response = (message: string, plan: ActionResponse['plan'] = []): ActionResponse => ({ accepted: !req.dryRun, plan, message });

  switch (req.kind) {
    case 'move': {
      const g = groups[req.group]!;
      const gs = v.status.groups.find((x) => x.name === req.group);
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
      if (from === to) return { change: req.pin ? { kind: 'move', group: req.group, to, pin: true } : null, response: response(`group ${req.group} already runs on ${to}`) };
      const plan: ActionResponse['plan'] = [
        ...(from ? [...g.resource].reverse().map((r) => ({ node: from, step: `stop ${r.type} ${r.name}` })) : []),
        ...g.resource.map((r) => ({ node: to, step: `start ${r.type} ${r.name}` })),
      ];
      return { change: { kind: 'move', group: req.group, to, pin: req.pin === true }, response: response(`moving group ${req.group} from ${from ?? '(nowhere)'} to ${to}${req.pin ? ' (pinned)' : ''}`, plan) };
    }
    case 'lock':
      return { change: { kind: 'lock', group: req.group, ...(req.reason ? { reason: req.reason } : {}) }, response: response(`group ${req.group} locked: it will not be moved automatically`) };
    case 'unlock':
      return { change: { kind: 'unlock', group: req.group }, response: response(`group ${req.group} unlocked`) };
    case 'standby':
    case 'online': {
      if (!nodeNames.includes(req.node)) throw notFound('RHA-E2072', `no node "${req.node}"; the nodes are ${nodeNames.join(', ')}`);
      if (req.kind === 'standby') {
        const other = v.status.nodes.find((n) => n.name !== req.node);
        const moving = v.status.groups.filter((x) => x.activeNode === req.node).map((x) => x.name);
        if (moving.length && !other?.alive) throw refuse('RHA-E2078', `${req.node} runs ${moving.join(', ')} and the other node is not alive: draining would stop the service`);
        return { change: { kind: 'standby', node: req.node }, response: response(`${req.node} in standby${moving.length ? `: moving ${moving.join(', ')} away` : ''}`) };
      }
      return { change: { kind: 'online', node: req.node }, response: response(`${req.node} back online`) };
    }
    case 'maintenance':
      return { change: { kind: 'maintenance', on: req.on }, response: response(req.on ? 'maintenance on: roseha starts, stops and moves nothing; resources stay as they are' : 'maintenance off: roseha manages the groups again') };
    case 'cleanup':
      return { change: null, response: response(`failure counts cleared${req.group ? ` for ${req.group}` : ''}`) };
  }
}
