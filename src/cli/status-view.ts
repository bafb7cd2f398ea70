// Renders a StatusReport for people. The JSON form is the report itself.
import type { Output } from './output.js';
import type { StatusReport } from '../core/status.js';

const ago = (ms: number | null) => (ms === null ? 'never' : ms < 1000 ? `${ms} ms ago` : `${(ms / 1000).toFixed(1)} s ago`);

export async function renderStatus(out: Output, s: StatusReport): Promise<void> {
  const p = out.paint;
  const roleColour = { booting: p.blue, active: p.green, standby: p.grey, faulted: p.red } as const;
  out.line(
    `${p.bold(`Cluster ${s.cluster}`)}  (answered by ${s.node}, config generation ${s.configGeneration}, timing ${s.timing.profile}: ${s.timing.heartbeat_ms} ms × ${Math.round(s.timing.dead_after_ms / s.timing.heartbeat_ms)})`,
  );
  if (s.maintenance) out.line(p.yellow(p.bold('MAINTENANCE MODE: roseha starts, stops and moves nothing')));
  out.line();
  const yesNo = (v: boolean | null) => (v === null ? '-' : v ? 'ok' : p.red('FAILED'));
  await out.table(
    ['node', 'role', 'alive', 'public net', 'storage', 'standby'],
    s.nodes.map((n) => [
      n.name + (n.self ? ' (this)' : ''),
      roleColour[n.role](n.role),
      n.alive ? 'yes' : p.red('no'),
      yesNo(n.publicOk),
      yesNo(n.storageOk),
      n.standby ? p.yellow('standby') : '-',
    ]),
  );
  for (const n of s.nodes) {
    if (n.watchdog) out.line(`${n.name}: watchdog ${n.watchdog.device} armed${n.watchdog.timeoutS === null ? '' : `, resets the node ${n.watchdog.timeoutS} s after its guardian stops`}`);
  }
  out.line();
  await out.table(
    ['link', 'state', 'last heard', 'accepted', 'dropped'],
    s.links
      .filter((l) => l.configured)
      .map((l) => [l.name, l.up ? p.green('up') : p.red('DOWN'), ago(l.lastHeardMsAgo), String(l.accepted), l.dropped ? p.yellow(String(l.dropped)) : '0']),
  );
  out.line();
  await out.table(
    ['group', 'active on', 'resources', 'failback', 'locked'],
    s.groups.map((g) => [
      g.name,
      g.activeNode ? p.green(g.activeNode) : p.red('nowhere'),
      g.resources.map((r) => `${r.name}:${r.state}${r.failures ? `(${r.failures} failures)` : ''}`).join(' '),
      g.failback,
      g.locked ? p.yellow(`${g.locked.code} ${g.locked.reason}`) : '-',
    ]),
  );
  for (const g of s.groups) {
    const t = g.lastTransition;
    if (!t) continue;
    const steps = t.steps.map((st) => `${st.op} ${st.resource} ${st.ms} ms${st.ok ? '' : ' FAILED'}`).join(', ');
    out.line(`${g.name}: ${t.from ?? '-'} → ${t.to} at ${t.at} (${t.reason}), ${t.totalMs} ms: ${steps}`);
  }
  if (s.intents.length) {
    out.line();
    out.line(p.bold('Constraints set by operators:'));
    for (const i of s.intents) out.line(`  ${i.kind} ${i.target}${i.detail ? ` (${i.detail})` : ''} by ${i.by} at ${i.at}`);
  }
  if (s.problems.length) {
    out.line();
    for (const pr of s.problems) out.line(`${p.yellow('!')} ${pr.code} ${pr.message}`);
  }
}
