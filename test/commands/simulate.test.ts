import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleConfig, runMain } from '../cli/run-main.js';
import { scenarioText } from '../../src/commands/simulate.js';
import { decide, initialMemory } from '../../src/core/decide.js';
import { input as decisionInput } from '../core/fixtures.js';

describe('roseha simulate', () => {
  it('acceptance: crash node-a on the README example (Windows) → node-b brings the disk online, then New-NetIPAddress, then Start-Service', async () => {
    const r = await runMain(['simulate', '--platform', 'windows', '-c', exampleConfig, 'crash', 'node-a']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const crash = lines.findIndex((l) => /node-a\s+FAULT crash node-a/.test(l));
    const start = lines.findIndex((l, i) => i > crash && /node-b\s+start erp epoch \d+ \(takeover\)/.test(l));
    expect(crash).toBeGreaterThan(0);
    expect(start).toBeGreaterThan(crash);
    const cmds = lines.slice(start + 1).filter((l) => /^\s+\$ /.test(l));
    const at = (re: RegExp) => cmds.findIndex((l) => re.test(l));
    const disk = at(/erp-data: powershell\.exe \[disk-online\].*Set-Disk -IsOffline \$false/);
    const ip = at(/erp-ip: powershell\.exe \[ip-add\].*New-NetIPAddress/);
    const svc = at(/erp-db: powershell\.exe \[service-start\].*Start-Service/);
    expect(disk).toBe(0);
    expect(ip).toBeGreaterThan(disk);
    expect(svc).toBeGreaterThan(ip);
    // User values travel as data (ROSEHA_ARGS), shown as JSON.
    expect(cmds[disk]).toContain('"uniqueId":"6000c29f3b5e0a1b2c3d4e5f60718293"');
    expect(r.stdout).toMatch(/final: node-a down.*node-b active \(erp active\)/);
  });

  it('Linux commands, --json timeline, and a move then a cut: stop on one node before the start on the other', async () => {
    const r = await runMain(['simulate', '--json', '-c', exampleConfig, 'move erp node-b', 'cut private']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.platform).toBe('linux');
    expect(doc.scenario).toBe('move erp node-b; cut private');
    const acts = doc.timeline.filter((e: { op?: string }) => e.op);
    const stopA = acts.findIndex((e: { node: string; op: string }) => e.node === 'node-a' && e.op === 'stop');
    const startB = acts.findIndex((e: { node: string; op: string }) => e.node === 'node-b' && e.op === 'start');
    expect(stopA).toBeGreaterThanOrEqual(0);
    expect(startB).toBeGreaterThan(stopA);
    expect(acts[stopA].commands).toEqual(['erp-db: systemctl stop MSSQLSERVER', 'erp-ip: ip addr del 10.0.0.100/24 dev Ethernet0', 'erp-data: umount E:', 'erp-data: blockdev --setro 6000c29f3b5e0a1b2c3d4e5f60718293']);
    expect(doc.overlaps).toEqual([]);
    expect(doc.final['node-b'].phases.erp).toBe('active');
  });

  it('scenario words: split where a verb begins; "at" keeps its time; quoted steps stay whole', () => {
    expect(scenarioText(['crash', 'node-a'])).toBe('crash node-a');
    expect(scenarioText(['cut', 'private', 'heal', 'private', 'pause', 'node-a', '3000'])).toBe('cut private; heal private; pause node-a 3000');
    expect(scenarioText(['at', '5s', 'crash', 'node-a', 'boot', 'node-a'])).toBe('at 5s crash node-a; boot node-a');
    expect(scenarioText(['move erp node-b pin', 'public-down node-a'])).toBe('move erp node-b pin; public-down node-a');
    expect(scenarioText(['crash node-a; boot node-a'])).toBe('crash node-a; boot node-a');
  });

  it('refuses unknown names and steps with a code (exit 2 / 1)', async () => {
    const a = await runMain(['simulate', '-c', exampleConfig, 'crash', 'node-z']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/RHA-E5022 .*node-z/);
    const b = await runMain(['simulate', '-c', exampleConfig, 'explode', 'node-a']);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/RHA-E2521/);
    const c = await runMain(['simulate', '-c', exampleConfig]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/RHA-E5020/);
  });

  it('--input replays a decision ring: equal actions pass, a tampered entry is flagged (exit 1)', async () => {
    const input = decisionInput();
    const { plan } = decide(input, initialMemory);
    expect(plan.actions.length).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'roseha-replay-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ decisions: [{ input, memoryBefore: initialMemory, actions: plan.actions }] }));
    const ok = await runMain(['simulate', '--input', good]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/1 decision\(s\) replayed, 0 different/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ decisions: [{ input, memoryBefore: initialMemory, actions: [{ type: 'stop', group: 'x', reason: 'move' }] }] }));
    const no = await runMain(['simulate', '--input', bad]);
    expect(no.code).toBe(1);
    expect(no.stdout).toMatch(/DIFFERS/);
    expect(no.stderr).toMatch(/RHA-E5025/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"nope": 1}');
    expect((await runMain(['simulate', '--input', junk])).stderr).toMatch(/RHA-E5024/);
  });
});
