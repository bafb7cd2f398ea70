// The rule table, in the style of Pacemaker's scheduler regression tests: one named row per rule,
// a one-line description, the input, and the exact actions expected (alerts by code; `clear CODE`
// when a condition goes away). Rows see the cluster from node-a unless the name says B.
import { describe, expect, it } from 'vitest';
import { decide, initialMemory, type CoreMemory, type DecisionInput, type GroupSpec, type PublishedView } from '../../src/core/decide.js';
import { A, B, NOW, active, asB, erp, input, local, show, silent, steady, stopped, summary } from './fixtures.js';

const web: GroupSpec = { ...erp, name: 'web', nodes: [B, A], failback: 'auto', hasVolume: false };
const allSilent = { private: silent, public: silent, disk: silent };
const peerSays = (s: ReturnType<typeof summary>) => ({ summary: s, link: 'private' as const, receivedAt: NOW - 50 });
const deadPeer = (groups: Record<string, ReturnType<typeof active>>) => ({ summary: summary(B, groups), link: 'disk' as const, receivedAt: NOW - 2000 });
const stamp = { by: 'admin', at: '2026-01-01T00:00:00Z' };
const intents = (over: Partial<DecisionInput['intents']>): DecisionInput['intents'] => ({ maintenance: null, standby: {}, locks: {}, moves: {}, ...over });

interface Row {
  name: string;
  description: string;
  input: DecisionInput;
  memory?: CoreMemory;
  actions: string[];
  publish?: Partial<PublishedView>;
  role?: string;
}

const rows: Row[] = [
  // a
  {
    name: 'a-peer-dead-takeover',
    description: 'peer silent on every link, self healthy: take over its group with a higher epoch',
    input: input({ links: allSilent, peerSummary: deadPeer({ erp: active(3) }) }),
    memory: steady(),
    actions: ['start erp epoch=4 (takeover)', 'alert RHA-I2512', 'alert RHA-W2505'],
    publish: { groups: { erp: { phase: 'starting', epoch: 4 } } },
  },
  {
    name: 'a-peer-dead-self-unhealthy',
    description: 'peer dead but own public network down: no takeover',
    input: input({ links: allSilent, peerSummary: deadPeer({ erp: active(3) }), health: { publicOk: false, storageOk: true } }),
    memory: steady(),
    actions: ['lock erp (standby-public-down)', 'alert RHA-W2505', 'alert RHA-W2503', 'alert RHA-W2507', 'alert RHA-E2509'],
  },
  {
    name: 'a-peer-dead-storage-for-volume',
    description: 'peer dead, own storage broken: the disk link cannot vouch, the node is cut off, no takeover',
    input: input({ links: allSilent, peerSummary: deadPeer({ erp: active(3) }), health: { publicOk: true, storageOk: false } }),
    memory: steady(),
    actions: ['lock erp (standby-storage-broken)', 'alert RHA-W2506', 'alert RHA-W2504', 'alert RHA-W2507'],
  },
  // b
  {
    name: 'b-partition-disk-only',
    description: 'peer alive only on the disk: no takeover, partition alert',
    input: input({ links: { private: silent, public: silent, disk: { configured: true, up: true, lastHeardAt: NOW - 100 } }, peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady(),
    actions: ['alert RHA-W2502', 'alert RHA-W2502', 'alert RHA-W2501'],
  },
  // c
  {
    name: 'c-private-link-down',
    description: 'private link down: heartbeats carry on over public, nothing moves, alert',
    input: input({ links: { ...input().links, private: silent }, peerSummary: peerSays(summary(B, { erp: active(3) })), local: { erp: local('stopped', 2) } }),
    memory: steady(),
    actions: ['alert RHA-W2502'],
  },
  // d
  {
    name: 'd-public-down-on-active-stops',
    description: 'public network down on the active node: it stops the group to hand it over',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: false, storageOk: true }, peerSummary: peerSays(summary(B, { erp: stopped() })) }),
    memory: steady(),
    actions: ['stop erp (failover)', 'alert RHA-I2513', 'alert RHA-W2503'],
    publish: { groups: { erp: { phase: 'stopping', epoch: 2 } }, grants: {} },
  },
  {
    name: 'd-B-standby-wants-while-active-stops',
    description: 'the standby asks for the group but does not start while the active node is still stopping',
    input: asB({ peerSummary: peerSays(summary(A, { erp: { phase: 'stopping', epoch: 2 } }, { health: { publicOk: false, storageOk: true } })) }),
    memory: steady(),
    actions: [],
    publish: { wants: { erp: 3 } },
  },
  {
    name: 'd-active-grants-after-stop',
    description: 'the old active node, now stopped and unhealthy, grants the standby its want (and locks: it cannot stand by)',
    input: input({ local: { erp: local('stopped', 2) }, health: { publicOk: false, storageOk: true }, peerSummary: peerSays(summary(B, { erp: stopped() }, { wants: { erp: 3 } })) }),
    memory: steady({ alerts: { 'public-down': true } }),
    actions: ['lock erp (standby-public-down)', 'alert RHA-W2507'],
    publish: { grants: { erp: 3 }, wants: {} },
  },
  {
    name: 'd-B-standby-starts-on-grant',
    description: 'the standby starts only after it sees the stop and the grant (handover)',
    input: asB({ peerSummary: peerSays(summary(A, { erp: stopped(2) }, { health: { publicOk: false, storageOk: true }, grants: { erp: 3 } })) }),
    memory: steady({ wants: { erp: 3 }, maxEpoch: { erp: 3 } }),
    actions: ['start erp epoch=3 (handover)'],
    publish: { groups: { erp: { phase: 'starting', epoch: 3 } }, wants: {} },
  },
  // e
  {
    name: 'e-public-down-on-standby-locks',
    description: 'public network down on the standby: its groups are locked, alert',
    input: input({ health: { publicOk: false, storageOk: true }, peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady(),
    actions: ['lock erp (standby-public-down)', 'alert RHA-W2503', 'alert RHA-W2507'],
  },
  {
    name: 'e-standby-repaired-unlocks',
    description: 'public network repaired on the standby: unlocked, alerts cleared',
    input: input({ peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady({ autoLocks: { erp: 'standby-public-down' }, alerts: { 'public-down': true, 'standby-lock:erp': true } }),
    actions: ['unlock erp (standby-public-down cleared)', 'clear RHA-W2503', 'clear RHA-W2507'],
  },
  // f
  {
    name: 'f-storage-broken-on-active',
    description: 'own storage path broken while active: hand the group (it has a volume) to the node that sees storage',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: true, storageOk: false }, links: { ...input().links, disk: silent } }),
    memory: steady(),
    actions: ['stop erp (failover)', 'alert RHA-I2513', 'alert RHA-W2502', 'alert RHA-W2504'],
  },
  {
    name: 'f-storage-broken-no-volume-stays',
    description: 'own storage broken, but the group has no volume and the peer hears us: it stays',
    input: input({ groups: [{ ...erp, hasVolume: false }], local: { erp: local('active', 2) }, health: { publicOk: true, storageOk: false }, links: { ...input().links, disk: silent } }),
    memory: steady(),
    actions: ['alert RHA-W2502', 'alert RHA-W2504'],
  },
  // g
  {
    name: 'g-self-fence',
    description: 'active node cut off from every link, disk included, lease gone: it stops its groups first',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: true, storageOk: false }, links: allSilent, peerHeardUsAt: NOW - 600 }),
    memory: steady(),
    actions: ['stop erp (self-fence)', 'alert RHA-E2511', 'alert RHA-W2506', 'alert RHA-W2504'],
  },
  {
    name: 'g-lease-still-valid',
    description: 'disk path broken, networks silent, but the peer confirmed hearing us 300 ms ago: keep until the lease runs out',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: true, storageOk: false }, links: allSilent, peerHeardUsAt: NOW - 300 }),
    memory: steady({ alerts: { 'cut-off': true, 'storage-broken': true } }),
    actions: [],
  },
  {
    name: 'g-networks-cut-disk-works-keeps',
    description: 'networks silent and the peer silent on the disk while own storage works: the peer is dead, keep the group',
    input: input({ local: { erp: local('active', 2) }, links: allSilent, peerSummary: deadPeer({ erp: stopped(1) }) }),
    memory: steady(),
    actions: ['alert RHA-W2505'],
  },
  // h
  {
    name: 'h-boot-waits-to-hear-peer',
    description: 'a booting node that has heard nothing claims nothing within dead_after_ms',
    input: input({ bootedAt: NOW - 300, links: { private: { configured: true, up: false, lastHeardAt: null }, public: { configured: true, up: false, lastHeardAt: null }, disk: { configured: true, up: false, lastHeardAt: null } }, peerSummary: null, peerHeardUsAt: null }),
    actions: [],
    role: 'booting',
    publish: { wants: {} },
  },
  {
    name: 'h-boot-alone-after-wait',
    description: 'a booting node that heard nothing for dead_after_ms places the group (peer dead)',
    input: input({ bootedAt: NOW - 1000, links: allSilent, peerSummary: null, peerHeardUsAt: null }),
    memory: steady(),
    actions: ['start erp epoch=1 (placement)', 'alert RHA-W2505'],
  },
  {
    name: 'h-boot-together-preferred-wants',
    description: 'both booted, both stopped: the preferred node asks for the group',
    input: input({ bootedAt: NOW - 300 }),
    actions: [],
    publish: { wants: { erp: 1 }, grants: {} },
  },
  {
    name: 'h-boot-together-B-grants',
    description: 'both booted: the less preferred node grants the preferred node\'s want and wants nothing',
    input: asB({ bootedAt: NOW - 300, peerSummary: peerSays(summary(A, { erp: stopped() }, { wants: { erp: 1 } })) }),
    actions: [],
    publish: { wants: {}, grants: { erp: 1 } },
  },
  {
    name: 'h-boot-together-tiebreak',
    description: 'both want epoch 1 (B saw a stale unhealthy A): preference order decides, B yields and grants',
    input: asB({ bootedAt: NOW - 300, peerSummary: peerSays(summary(A, { erp: stopped() }, { wants: { erp: 1 }, health: { publicOk: false, storageOk: true } })) }),
    memory: steady({ wants: { erp: 1 }, maxEpoch: { erp: 1 } }),
    actions: [],
    publish: { wants: {}, grants: { erp: 1 } },
  },
  {
    name: 'h-boot-together-preferred-starts',
    description: 'the preferred node starts on the grant',
    input: input({ bootedAt: NOW - 300, peerSummary: peerSays(summary(B, { erp: stopped() }, { grants: { erp: 1 } })) }),
    memory: steady({ wants: { erp: 1 }, maxEpoch: { erp: 0 } }),
    actions: ['start erp epoch=1 (placement)'],
  },
  // i
  {
    name: 'i-active-active-takeover',
    description: 'active/active: node-b (preferred for web) dies; node-a takes web over and keeps erp',
    input: input({ groups: [erp, web], links: allSilent, peerSummary: deadPeer({ web: active(1) }), local: { erp: local('active', 1), web: local('stopped') } }),
    memory: steady(),
    actions: ['start web epoch=2 (takeover)', 'alert RHA-I2512', 'alert RHA-W2505'],
  },
  {
    name: 'i-active-active-failback-auto',
    description: 'node-b is back and healthy; web has failback = "auto": node-a stops web so it goes home',
    input: input({ groups: [erp, web], peerSummary: peerSays(summary(B, { web: stopped(1) })), local: { erp: local('active', 1), web: local('active', 2) } }),
    memory: steady(),
    actions: ['stop web (failback)'],
  },
  {
    name: 'i-active-active-B-wants-home',
    description: 'node-b asks for web back while node-a holds it (failback)',
    input: asB({ groups: [erp, web], peerSummary: peerSays(summary(A, { erp: active(1), web: { phase: 'stopping', epoch: 2 } })), local: { web: local('stopped', 1) } }),
    memory: steady(),
    actions: [],
    publish: { wants: { web: 3 } },
  },
  {
    name: 'i-failback-manual-stays',
    description: 'failback = "manual": the group stays on the node that took it over',
    input: input({ groups: [erp, { ...web, failback: 'manual' }], peerSummary: peerSays(summary(B, { web: stopped(1) })), local: { erp: local('active', 1), web: local('active', 2) } }),
    memory: steady(),
    actions: [],
  },
  {
    name: 'i-failback-window-closed',
    description: 'failback = "window 02-04" at 12 h: stays',
    input: input({ groups: [erp, { ...web, failback: 'window 02-04' }], peerSummary: peerSays(summary(B, { web: stopped(1) })), local: { erp: local('active', 1), web: local('active', 2) } }),
    memory: steady(),
    actions: [],
  },
  {
    name: 'i-failback-window-open',
    description: 'failback = "window 23-04" at 1 h: goes home',
    input: input({ wallHour: 1, groups: [erp, { ...web, failback: 'window 23-04' }], peerSummary: peerSays(summary(B, { web: stopped(1) })), local: { erp: local('active', 1), web: local('active', 2) } }),
    memory: steady(),
    actions: ['stop web (failback)'],
  },
  // j
  {
    name: 'j-woke-from-pause-releases',
    description: 'a node that did not run for 3 s (now jumped) releases what it holds at once',
    input: input({ local: { erp: local('active', 2) }, peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady({ lastDecideAt: NOW - 3000 }),
    actions: ['stop erp (pause)', 'alert RHA-W2510'],
  },
  {
    name: 'j-lower-epoch-yields',
    description: 'both claim the group: the lower epoch (the node that was away) stops',
    input: input({ local: { erp: local('active', 2) }, peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady(),
    actions: ['stop erp (conflict)', 'alert RHA-W2514'],
  },
  {
    name: 'j-higher-epoch-keeps',
    description: 'both claim the group: the higher epoch keeps it',
    input: input({ local: { erp: local('active', 4) }, peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady(),
    actions: [],
  },
  {
    name: 'j-equal-epoch-preference-keeps',
    description: 'equal epochs: the preferred node keeps the group',
    input: input({ local: { erp: local('active', 3) }, peerSummary: peerSays(summary(B, { erp: active(3) })) }),
    memory: steady(),
    actions: [],
  },
  {
    name: 'j-no-takeover-right-after-waking',
    description: 'just woke (a pause 300 ms ago) and the links look silent: the peer gets a fresh dead_after_ms',
    input: input({ links: allSilent, peerSummary: deadPeer({ erp: active(3) }) }),
    memory: steady({ wokeAt: NOW - 300 }),
    actions: [],
  },
  // operator intents and policies
  {
    name: 'lock-blocks-takeover',
    description: 'an operator-locked group is not taken over even from a dead peer, and the node says why',
    input: input({ links: allSilent, peerSummary: deadPeer({ erp: active(3) }), intents: intents({ locks: { erp: { ...stamp, reason: 'patching' } } }) }),
    memory: steady(),
    actions: ['alert RHA-W2505', 'alert RHA-W2516'],
  },
  {
    name: 'lock-blocks-failover',
    description: 'an operator-locked group stays on its unhealthy node',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: false, storageOk: true }, intents: intents({ locks: { erp: stamp } }) }),
    memory: steady(),
    actions: ['alert RHA-W2503'],
  },
  {
    name: 'move-transient-stops',
    description: 'a move to node-b: node-a stops the group for it',
    input: input({ local: { erp: local('active', 2) }, intents: intents({ moves: { erp: { ...stamp, to: B, pin: false } } }) }),
    memory: steady(),
    actions: ['stop erp (move)'],
  },
  {
    name: 'move-pinned-beats-failback',
    description: 'a pinned move to node-b: node-a does not ask for the group back, even with failback = "auto"',
    input: input({ groups: [{ ...erp, failback: 'auto' }], peerSummary: peerSays(summary(B, { erp: active(2) })), intents: intents({ moves: { erp: { ...stamp, to: B, pin: true } } }) }),
    memory: steady(),
    actions: [],
    publish: { wants: {} },
  },
  {
    name: 'standby-drains',
    description: 'node-a put in standby: it stops its group (the peer takes it)',
    input: input({ local: { erp: local('active', 2) }, intents: intents({ standby: { [A]: stamp } }) }),
    memory: steady(),
    actions: ['stop erp (drain)'],
    publish: { standby: true },
  },
  {
    name: 'maintenance-does-nothing',
    description: 'maintenance: public down on the active node, peer healthy, nothing is stopped or moved',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: false, storageOk: true }, intents: intents({ maintenance: stamp }) }),
    memory: steady(),
    actions: ['alert RHA-W2503', 'alert RHA-I2517'],
  },
  {
    name: 'failover-rate-limit',
    description: 'three failovers within the period: the group stays put on its unhealthy node and is locked',
    input: input({ local: { erp: local('active', 2) }, health: { publicOk: false, storageOk: true } }),
    memory: steady({ failovers: { erp: [NOW - 3000, NOW - 2000, NOW - 1000] } }),
    actions: ['lock erp (failover-limit)', 'alert RHA-W2503', 'alert RHA-E2508'],
  },
  {
    name: 'failed-group-fails-over',
    description: 'restarts exhausted on the active node: it stops the group so the peer can run it',
    input: input({ local: { erp: local('active', 2, true) } }),
    memory: steady(),
    actions: ['stop erp (failed)', 'alert RHA-W2515'],
    role: 'faulted',
  },
  {
    name: 'failed-peer-B-takes-over',
    description: 'node-a reports the group failed: node-b asks for it',
    input: asB({ peerSummary: peerSays(summary(A, { erp: { phase: 'failed', epoch: 2 } })) }),
    memory: steady(),
    actions: [],
    publish: { wants: { erp: 3 } },
  },
  {
    name: 'nowhere-to-run',
    description: 'failed on node-a, node-b in standby: the group can run nowhere',
    input: input({ local: { erp: local('failed', 2, true) }, intents: intents({ standby: { [B]: stamp } }) }),
    memory: steady(),
    actions: ['alert RHA-E2509'],
  },
  {
    name: 'no-start-without-grant',
    description: 'peer alive and stopped, but it has not granted: no start (only a want)',
    input: input(),
    memory: steady({ wants: { erp: 1 }, maxEpoch: { erp: 0 } }),
    actions: [],
    publish: { wants: { erp: 1 } },
  },
];

describe('decide(): rule table', () => {
  for (const row of rows) {
    it(`${row.name}: ${row.description}`, () => {
      const { plan } = decide(row.input, row.memory ?? initialMemory);
      expect(plan.actions.map(show)).toEqual(row.actions);
      if (row.publish) expect(plan.publish).toMatchObject(row.publish);
      if (row.role) expect(plan.role).toBe(row.role);
    });
  }
});

describe('decide(): properties of the function', () => {
  it('alerts are edge-triggered: the same view twice raises them once', () => {
    const view = input({ links: { ...input().links, private: silent } });
    const first = decide(view, steady());
    expect(first.plan.actions.map(show)).toEqual(['alert RHA-W2502']);
    const second = decide({ ...view, now: NOW + 200 }, first.memory);
    expect(second.plan.actions).toEqual([]);
    const healed = decide({ ...input(), now: NOW + 400 }, second.memory);
    expect(healed.plan.actions.map(show)).toEqual(['clear RHA-W2502']);
  });

  it('is pure: the input and memory are not modified, and the same call gives the same plan', () => {
    const view = input({ links: allSilent, peerSummary: deadPeer({ erp: active(3) }) });
    const mem = steady();
    const frozen = JSON.stringify([view, mem]);
    const one = decide(view, mem);
    const two = decide(view, mem);
    expect(JSON.stringify([view, mem])).toBe(frozen);
    expect(two).toEqual(one);
  });

  it('a transient move is reported done once the group is active on its target', () => {
    const view = input({ peerSummary: peerSays(summary(B, { erp: active(3) })), intents: intents({ moves: { erp: { ...stamp, to: B, pin: false } } }) });
    expect(decide(view, steady()).plan.movesDone).toEqual(['erp']);
    const pinned = input({ peerSummary: peerSays(summary(B, { erp: active(3) })), intents: intents({ moves: { erp: { ...stamp, to: B, pin: true } } }) });
    expect(decide(pinned, steady()).plan.movesDone).toEqual([]);
  });

  it('a want is not raised against the peer\'s standing want (no outbidding)', () => {
    // node-b wants (epoch 5). node-a, whose target is itself, grants rather than bidding 6.
    const view = input({ peerSummary: peerSays(summary(B, { erp: stopped(4) }, { wants: { erp: 5 } })) });
    const { plan } = decide(view, steady());
    expect(plan.publish.wants).toEqual({});
    expect(plan.publish.grants).toEqual({ erp: 5 });
  });
});
