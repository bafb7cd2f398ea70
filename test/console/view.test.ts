// The page's rendering (src/console/assets/view-js.ts) run in a plain VM context, as the browser
// runs it: state colours, links, resource order, fault points with the catalogue's text, escaping.
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { viewJs } from '../../src/console/assets/view-js.js';
import { consoleStrings } from '../../src/console/strings.js';
import type { StatusReport } from '../../src/core/status.js';

interface View {
  esc(v: unknown): string;
  nodeState(s: StatusReport, n: StatusReport['nodes'][number]): string;
  faultPoints(s: StatusReport): Array<{ code: string; message: string; target: { kind: string; name: string } }>;
  codesIn(m: { status: StatusReport | null; events: Array<{ code: string }> }): string[];
  render(m: Record<string, unknown>): Record<string, string | number>;
}

function loadView(): View {
  const ctx: { globalThis?: unknown; RosehaView?: View } = {};
  runInNewContext(viewJs, ctx);
  return ctx.RosehaView!;
}

function report(over: Partial<StatusReport> = {}): StatusReport {
  return {
    cluster: 'erp',
    node: 'node-a',
    generatedAt: '2026-11-25T00:00:00.000Z',
    configGeneration: 1,
    timing: { profile: 'default', heartbeat_ms: 200, dead_after_ms: 1000 },
    maintenance: false,
    nodes: [
      { name: 'node-b', self: false, role: 'standby', alive: true, publicOk: true, storageOk: true, standby: false },
      { name: 'node-a', self: true, role: 'active', alive: true, publicOk: true, storageOk: true, standby: false },
    ],
    links: [
      { name: 'private', configured: true, up: true, lastHeardMsAgo: 10, accepted: 5, dropped: 0 },
      { name: 'public', configured: true, up: true, lastHeardMsAgo: 10, accepted: 5, dropped: 0 },
      { name: 'disk', configured: false, up: false, lastHeardMsAgo: null, accepted: 0, dropped: 0 },
    ],
    groups: [
      {
        name: 'erp',
        activeNode: 'node-a',
        phases: { 'node-a': 'active', 'node-b': 'stopped' },
        preferred: ['node-a', 'node-b'],
        failback: 'manual',
        locked: null,
        resources: [
          { name: 'erp-data', type: 'volume', state: 'running', failures: 0 },
          { name: 'erp-ip', type: 'ip', state: 'running', failures: 0 },
          { name: 'erp-db', type: 'service', state: 'running', failures: 2 },
        ],
      },
    ],
    intents: [],
    dropped: {},
    problems: [],
    degraded: false,
    ...over,
  };
}

const model = (status: StatusReport, extra: Record<string, unknown> = {}) => ({
  status,
  peerStatus: null,
  events: [],
  catalogue: {},
  lang: 'en',
  strings: consoleStrings,
  via: status.node,
  ...extra,
});

/** The classes and data-state of an element found by id in rendered HTML. */
function attrsOf(html: string, id: string): string {
  const m = new RegExp(`<[a-z]+ class="([^"]*)" id="${id}"[^>]*data-state="([^"]*)"`).exec(html);
  if (!m) throw new Error(`no element #${id} in ${html.slice(0, 300)}`);
  return `${m[1]} | ${m[2]}`;
}

describe('console view', () => {
  const V = loadView();

  it('colours nodes by role: active green, standby grey, booting blue, faulted red, locked amber', () => {
    const s = report();
    expect(V.nodeState(s, s.nodes[1]!)).toBe('active');
    expect(V.nodeState(s, s.nodes[0]!)).toBe('standby');
    expect(V.nodeState(s, { ...s.nodes[0]!, role: 'booting' })).toBe('booting');
    expect(V.nodeState(s, { ...s.nodes[0]!, alive: false })).toBe('faulted');
    expect(V.nodeState(s, { ...s.nodes[0]!, role: 'faulted' })).toBe('faulted');
    const locked = report({ groups: [{ ...s.groups[0]!, locked: { code: 'RHA-W2050', reason: 'standby faulty', by: 'roseha', at: '' } }] });
    expect(V.nodeState(locked, locked.nodes[0]!)).toBe('locked');
    // The node running the locked group stays green: it serves.
    expect(V.nodeState(locked, locked.nodes[1]!)).toBe('active');
    const html = V.render(model(locked)).topology as string;
    expect(attrsOf(html, 'node-node-b')).toBe('node state-locked | locked');
    expect(attrsOf(html, 'node-node-a')).toBe('node state-active | active');
  });

  it('draws the cards in name order whichever node answers, and the three links by state', () => {
    const s = report({ links: [{ ...report().links[0]!, up: false }, ...report().links.slice(1)] });
    const html = V.render(model(s)).topology as string;
    expect(html.indexOf('id="node-node-a"')).toBeLessThan(html.indexOf('id="link-private"'));
    expect(html.indexOf('id="link-disk"')).toBeLessThan(html.indexOf('id="node-node-b"'));
    expect(attrsOf(html, 'link-private')).toBe('link link-down fault | down');
    expect(attrsOf(html, 'link-public')).toBe('link link-up | up');
    expect(attrsOf(html, 'link-disk')).toBe('link link-off | off');
    expect(html).toContain('answering');
  });

  it('lists resources in start order with state and failures, and offers a move to the other node', () => {
    const html = V.render(model(report())).groups as string;
    const order = ['erp-data', 'erp-ip', 'erp-db'].map((r) => html.indexOf(`data-resource="${r}"`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('2 failures');
    expect(html).toContain('data-action="move" data-group="erp" data-node="node-b" data-from="node-a"');
    expect(html).not.toContain('data-node="node-a" data-from');
    expect(html).toContain('data-action="lock"');
  });

  it('takes resource states from the node that runs the group', () => {
    const onB = report({
      groups: [{ ...report().groups[0]!, activeNode: 'node-b', resources: report().groups[0]!.resources.map((r) => ({ ...r, state: 'unknown' as const })) }],
    });
    const peer = { ...onB, node: 'node-b', groups: [{ ...onB.groups[0]!, resources: onB.groups[0]!.resources.map((r) => ({ ...r, state: 'running' as const })) }] };
    expect(V.render(model(onB)).groups).toContain('data-state="unknown"');
    const html = V.render(model(onB, { peerStatus: peer })).groups as string;
    expect(html).not.toContain('data-state="unknown"');
    expect(html.match(/data-state="running"/g)).toHaveLength(3);
  });

  it('places each problem: peer silent on its card, a link, a group, a node named in the message; errors first', () => {
    const s = report({
      nodes: [{ ...report().nodes[0]!, alive: false, role: 'faulted' }, report().nodes[1]!],
      problems: [
        { code: 'RHA-W2043', message: 'node-b is not heard on any link' },
        { code: 'RHA-W2041', message: 'disk link is down' },
        { code: 'RHA-W2053', message: 'group erp runs nowhere: both down' },
        { code: 'RHA-E2046', message: 'node-a: the public network cannot reach the gateway' },
        { code: 'RHA-W2055', message: 'maintenance mode: roseha starts, stops and moves nothing' },
      ],
    });
    const points = V.faultPoints(s).map((p) => `${p.code} ${p.target.kind}:${p.target.name}`);
    expect(points).toEqual(['RHA-E2046 node:node-a', 'RHA-W2043 node:node-b', 'RHA-W2041 link:disk', 'RHA-W2053 group:erp', 'RHA-W2055 cluster:erp']);
    const html = V.render(model(s)).topology as string;
    expect(attrsOf(html, 'node-node-b')).toBe('node state-faulted fault | faulted');
    expect(html).toMatch(/id="node-node-b".*<span class="fault-code">RHA-W2043<\/span>/s);
  });

  it('shows the catalogue text of a fault in the chosen language', () => {
    const s = report({ problems: [{ code: 'RHA-W2041', message: 'private link is down' }] });
    const catalogue = {
      'RHA-W2041': { code: 'RHA-W2041', en: { title: 'A link is down', cause: 'cable', remedy: 'plug it' }, zh: { title: '链路中断', cause: '网线', remedy: '插好' } },
    };
    const en = V.render(model(s, { catalogue })).faults as string;
    expect(en).toContain('A link is down');
    expect(en).toContain('Remedy</dt><dd>plug it');
    const zh = V.render(model(s, { catalogue, lang: 'zh' })).faults as string;
    expect(zh).toContain('链路中断');
    expect(zh).toContain('解决办法</dt><dd>插好');
    expect(V.codesIn({ status: s, events: [{ code: 'RHA-I2100' }, { code: 'bogus' }] })).toEqual(['RHA-I2100', 'RHA-W2041']);
  });

  it('says so loudly in maintenance, and gives Chinese readers the catalogue title of each event', () => {
    const s = report({ maintenance: true });
    expect(V.render(model(s)).maintenance).toContain('Maintenance mode');
    expect(V.render(model(report())).maintenance).toBe('');
    const catalogue = { 'RHA-W2043': { code: 'RHA-W2043', en: { title: 'Peer silent', cause: 'c', remedy: 'r' }, zh: { title: '对端静默', cause: '原因', remedy: '办法' } } };
    const events = [{ id: 1, at: '2026-11-25T00:00:00Z', node: 'node-b', code: 'RHA-W2043', severity: 'warning', message: 'node-a is not heard on any link' }];
    const zh = V.render(model(s, { lang: 'zh', catalogue, events })).events as string;
    expect(zh).toContain('<span class="ev-title">对端静默</span> node-a is not heard on any link');
    expect(V.render(model(s, { catalogue, events })).events).not.toContain('ev-title');
  });

  it('escapes every value from the agent', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const s = report({ cluster: evil, problems: [{ code: 'RHA-W2041', message: evil }] });
    const out = V.render(model(s, { events: [{ id: 1, at: '2026-11-25T00:00:00Z', node: evil, code: 'RHA-W2041', severity: 'warning', message: evil }] }));
    for (const region of ['summary', 'faults', 'events'] as const) {
      expect(out[region]).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(out[region]).not.toContain('<img');
    }
  });

  it('has every UI string in both languages, Chinese in Chinese', () => {
    expect(Object.keys(consoleStrings.zh).sort()).toEqual(Object.keys(consoleStrings.en).sort());
    // Every Chinese string is Chinese, except the switch's label, which names the other language.
    const untranslated = Object.entries(consoleStrings.zh).filter(([k, v]) => k !== 'language' && !/[\u4e00-\u9fff]/.test(v));
    expect(untranslated).toEqual([]);
  });
});
