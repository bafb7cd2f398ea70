// End to end, as root, in the lab: link and storage faults against the rules of DESIGN.md
// ("Links and the split-brain rule"). One lab for the file; each fault is repaired before the next.
// Every test ends with the split-brain checker's verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerOf } from '../../src/lab/names.js';
import { e2eUnavailable, expectNoOverlap, now, restartNode, sleep, upWithRoseha, type E2eLab } from './helpers.js';

const unavailable = await e2eUnavailable('test/e2e/links.test.ts');

describe.skipIf(!!unavailable)('link and storage faults (lab, root)', () => {
  let e: E2eLab;
  const dead = 1000;
  beforeAll(async () => {
    e = await upWithRoseha('e2link', 'balanced');
  }, 90_000);
  afterAll(async () => {
    await e?.lab.down();
  }, 60_000);

  /** Nothing may move for `ms`: the group stays on `active`, the standby never starts it. */
  async function expectNothingMoves(active: 'node-a' | 'node-b', sinceWall: number, ms: number) {
    await sleep(ms);
    const standby = peerOf(active);
    expect(await e.roseha.logged(standby, ['RHA-I2100', 'RHA-I2101'], sinceWall)).toEqual([]);
    expect(await e.roseha.logged(active, ['RHA-I2103'], sinceWall)).toEqual([]);
    const h = await e.lab.checker.holders();
    expect(h.vip).toEqual([active]);
  }

  it('private link cut: heartbeats go on over public, nothing moves; repaired', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const from = now();
    const wall = Date.now();
    try {
      await e.lab.faults.cutLink(active, 'private');
      await e.roseha.waitLogged(peerOf(active), 'RHA-W2041', wall, 3 * dead);
      await expectNothingMoves(active, wall, 3 * dead);
      const s = await e.roseha.status(peerOf(active));
      expect(s?.links.find((l) => l.name === 'private')?.up).toBe(false);
      expect(s?.nodes.find((n) => !n.self)?.alive).toBe(true);
    } finally {
      await e.lab.faults.repairLink(active, 'private');
    }
    await e.roseha.waitStatus(peerOf(active), 'private link up again', (st) => st.links.find((l) => l.name === 'private')?.up === true, 10_000);
    expect(await e.roseha.waitSettled(10_000)).toBe(active);
    await expectNoOverlap(e.lab, { from });
  }, 60_000);

  it('30 % packet loss on the private link: no false failover', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const from = now();
    const wall = Date.now();
    try {
      const method = await e.lab.faults.packetLoss(active, 'private', 30);
      console.log(`[e2e loss] 30 % loss on ${active}'s private link by ${method}`);
      await expectNothingMoves(active, wall, 10 * dead);
      expect(await e.roseha.logged(peerOf(active), 'RHA-W2043', wall)).toEqual([]);
    } finally {
      await e.lab.faults.clearPacketLoss(active, 'private');
    }
    expect(await e.roseha.waitSettled(10_000)).toBe(active);
    await expectNoOverlap(e.lab, { from });
  }, 60_000);

  it('both networks cut, the disk alive: a partition, not a crash: no takeover', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    const from = now();
    const wall = Date.now();
    try {
      await e.lab.faults.cutLink(active, 'private');
      await e.lab.faults.cutLink(active, 'public');
      // The standby still reads the active node's disk slot: a partition, never "dead".
      await e.roseha.waitLogged(standby, 'RHA-W2501', wall, 4 * dead);
      await sleep(4 * dead);
      expect(await e.roseha.logged(standby, ['RHA-W2043', 'RHA-I2512'], wall)).toEqual([]);
      // The active node lost its public network too, so by the public rule it stops the group and
      // hands it over through the disk link; the standby may start it only after that stop.
      const handedOver = (await e.roseha.logged(standby, 'RHA-I2100', wall))[0];
      if (handedOver) {
        const stopped = (await e.roseha.logged(active, 'RHA-I2104', wall))[0];
        expect(stopped, 'the standby started the group before the active node had stopped it').toBeDefined();
        expect(handedOver.time).toBeGreaterThanOrEqual(stopped!.time);
        expect(handedOver.msg).toMatch(/handover/);
      }
      console.log(`[e2e partition] both networks of ${active} cut for ${4 * dead} ms: ${handedOver ? 'handed over through the disk link' : 'kept where it was'}`);
    } finally {
      await e.lab.faults.repairLink(active, 'public');
      await e.lab.faults.repairLink(active, 'private');
    }
    await e.roseha.waitSettled(30_000);
    await e.lab.prober.waitForAnswer(15_000);
    await expectNoOverlap(e.lab, { from });
  }, 60_000);

  it('public link cut on the standby: its failover is locked (status says so), unlocked when repaired', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    // Start from a healthy standby: an earlier fault's lock clears only once its gateway answers again.
    await e.roseha.waitStatus(standby, 'web unlocked', (s) => s.groups[0]?.locked === null, 10_000);
    const from = now();
    const wall = Date.now();
    try {
      await e.lab.faults.cutLink(standby, 'public');
      await e.roseha.waitStatus(standby, 'web locked', (s) => !!s.groups[0]?.locked, 4 * dead + 3000);
      // What the operator sees: `roseha status --json` on the standby shows the lock and its reason.
      const cli = await e.roseha.cli(standby, ['status', '--json']);
      const shown = JSON.parse(cli.stdout) as { groups: Array<{ name: string; locked: { reason: string } | null }> };
      expect(shown.groups.find((g) => g.name === 'web')?.locked?.reason, `${cli.stdout.slice(0, 800)} ${cli.stderr}`).toMatch(/public/);
      // And on the active node, from the standby's heartbeat (over the private link and the disk).
      await e.roseha.waitStatus(active, 'web locked by the standby', (s) => !!s.groups[0]?.locked, 2000);
      const onActive = JSON.parse((await e.roseha.cli(active, ['status', '--json'])).stdout) as typeof shown;
      console.log(`[e2e standby public] lock shown on the standby: ${JSON.stringify(shown.groups[0]?.locked)}; on the active node: ${JSON.stringify(onActive.groups[0]?.locked)}`);
      expect(onActive.groups.find((g) => g.name === 'web')?.locked?.reason).toMatch(new RegExp(`public.*\\(on ${standby}\\)`));
      expect(await e.roseha.logged(standby, 'RHA-W2050', wall)).not.toEqual([]);
      await expectNothingMoves(active, wall, dead);
    } finally {
      await e.lab.faults.repairLink(standby, 'public');
    }
    await e.roseha.waitStatus(standby, 'web unlocked', (s) => s.groups[0]?.locked === null, 10_000);
    await e.roseha.waitLogged(standby, 'RHA-I2051', wall, 5000);
    expect(await e.roseha.waitSettled(10_000)).toBe(active);
    await expectNoOverlap(e.lab, { from });
  }, 60_000);

  it('public link cut on the active node: the group moves to the standby', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    const from = now();
    const wall = Date.now();
    try {
      await e.lab.faults.cutLink(active, 'public');
      await e.roseha.waitLogged(standby, 'RHA-I2101', wall, 8 * dead);
      await e.lab.checker.waitForHolder(standby, 5000, from);
      await e.lab.prober.waitForAnswer(10_000, standby);
    } finally {
      await e.lab.faults.repairLink(active, 'public');
    }
    expect(await e.roseha.waitSettled(30_000)).toBe(standby);
    await expectNoOverlap(e.lab, { from });
  }, 60_000);

  it('disk path lost on the active node: the group moves to the node that sees the storage', async () => {
    const active = await e.roseha.waitSettled(30_000);
    const standby = peerOf(active);
    const from = now();
    const wall = Date.now();
    try {
      await e.lab.faults.diskPathLoss(active);
      await e.roseha.waitLogged(standby, 'RHA-I2101', wall, 10 * dead);
      await e.lab.checker.waitForHolder(standby, 5000, from, 'volume');
      await e.lab.prober.waitForAnswer(10_000, standby);
    } finally {
      await e.lab.faults.diskPathRestore(active);
    }
    // The old node's ext4 went read-only on EIO: its agent is restarted on a clean node.
    expect(await restartNode(e, active)).toBe(standby);
    await expectNoOverlap(e.lab, { from });
  }, 90_000);
});
