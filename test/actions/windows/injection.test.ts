// Injection: hostile names reach PowerShell only as JSON data in ROSEHA_ARGS. The script text is
// byte-for-byte the constant from our source whatever the input, and no argv element carries them.
import { describe, expect, it } from 'vitest';
import { DryRunRunner } from '../../../src/platform/recording-runner.js';
import type { CommandSpec } from '../../../src/platform/types.js';
import type { ResourceConfig } from '../../../src/config/schema.js';
import { windowsDrivers } from '../../../src/actions/windows/index.js';
import { perCallScripts } from '../../../src/actions/windows/scripts/index.js';
import { scriptCommand } from '../../../src/actions/windows/drivers/script.js';
import { decodedText, scriptName } from './helpers.js';

const hostile = ["a'; Remove-Item -Recurse C:\\ #", '$(calc)', '"; shutdown /s', '`$(calc)`', 'x\r\nRemove-Item C:\\ -Recurse', 'Ünïcødé 以太网'];
const common = { monitor_interval_ms: 2000, monitor_timeout_ms: 10_000, start_timeout_ms: 60_000, stop_timeout_ms: 60_000 };

function resourcesWith(evil: string): ResourceConfig[] {
  return [
    { ...common, name: 'v', type: 'volume', disk: evil, mount: 'E:', fstype: 'auto' },
    { ...common, name: 'i', type: 'ip', address: '10.0.0.100/24', interface: evil },
    { ...common, name: 's', type: 'service', service: evil },
    { ...common, name: 'p', type: 'process', command: ['C:\\app\\app.exe', evil], cwd: `C:\\${evil}`, env: { [`K${evil}`]: evil }, pid_file: `C:\\run\\${evil}.pid`, stop_grace_ms: 1000 },
  ];
}

async function everyCommand(r: ResourceConfig, world: 'absent' | 'present'): Promise<CommandSpec[]> {
  const runner = new DryRunRunner(world);
  const ctx = { runner, platform: 'windows' as const, timeoutMs: 30_000, stateDir: 'C:\\state', gateway: '10.0.0.1' };
  const driver = windowsDrivers[r.type] as unknown as { start: Function; stop: Function; monitor: Function };
  await driver.start(r, ctx);
  await driver.stop(r, ctx);
  await driver.monitor(r, ctx);
  return runner.entries.map((e) => e.spec as CommandSpec);
}

describe('hostile values stay data', () => {
  for (const evil of hostile) {
    it(`${JSON.stringify(evil)}`, async () => {
      let seenInArgs = 0;
      for (const r of resourcesWith(evil)) {
        for (const world of ['absent', 'present'] as const) {
          for (const spec of await everyCommand(r, world)) {
            if (!spec.args.includes('-EncodedCommand')) {
              // taskkill: only the pid.
              expect(spec.args.join(' ')).not.toContain(evil);
              continue;
            }
            const text = decodedText(spec);
            const script = perCallScripts.find((s) => s.name === scriptName(spec));
            expect(text).toBe(script?.text);
            for (const a of spec.args) expect(a).not.toContain(evil);
            // The value arrives intact once PowerShell's ConvertFrom-Json reads the JSON.
            const json = spec.env!.ROSEHA_ARGS!;
            expect(/^[\x20-\x7e]*$/.test(json)).toBe(true);
            if (JSON.stringify(JSON.parse(json)).includes(JSON.stringify(evil).slice(1, -1))) seenInArgs++;
          }
        }
      }
      expect(seenInArgs).toBeGreaterThan(10);
    });
  }

  it('batch files refuse cmd.exe metacharacters; .ps1 passes them as literal -File arguments', () => {
    const base = { ...common, name: 's', type: 'script' as const };
    for (const evil of ['"; shutdown /s', 'a & calc', '%PATH%', 'x|y', '(a)', 'a b', '^', '!x!']) {
      expect(() => scriptCommand({ ...base, path: 'C:\\s\\run.cmd', args: [evil] }, 'start', 1000)).toThrow(expect.objectContaining({ code: 'RHA-E3551' }));
      const ps1 = scriptCommand({ ...base, path: 'C:\\s\\run.ps1', args: [evil] }, 'start', 1000);
      expect(ps1.args.at(-1)).toBe(evil);
      expect(ps1.args).not.toContain('-Command');
      expect(ps1.args).not.toContain('-EncodedCommand');
    }
  });
});
