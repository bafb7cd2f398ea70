// `roseha service … --dry-run`: the exact steps, on Linux and (read on Linux) Windows.
import { describe, expect, it } from 'vitest';
import { runMain, exampleConfig } from '../cli/run-main.js';

describe('roseha service --dry-run', () => {
  it('install on Linux: the unit file, daemon-reload, enable', async () => {
    const r = await runMain(['--config', exampleConfig, 'service', 'install', '--dry-run', '--platform', 'linux']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# write \/etc\/systemd\/system\/roseha.service \(mode 644\):$/m);
    expect(r.stdout).toContain(`agent --config ${exampleConfig}`);
    expect(r.stdout.trim().split('\n').slice(-2)).toEqual(['systemctl daemon-reload', 'systemctl enable roseha.service']);
  });

  it('install on Windows: WinSW copied, XML written, install, event source (--json)', async () => {
    const r = await runMain(['--json', '--config', exampleConfig, 'service', 'install', '--dry-run', '--platform', 'windows', '--winsw', 'D:\\WinSW-x64.exe'], { env: { ProgramData: 'C:\\ProgramData' } });
    expect(r.code, r.stderr).toBe(0);
    const steps = JSON.parse(r.stdout).steps as string[];
    expect(steps[0]).toBe('# copy D:\\WinSW-x64.exe -> C:\\ProgramData\\roseha\\service\\roseha-service.exe');
    expect(steps[1]).toMatch(/^# write C:\\ProgramData\\roseha\\service\\roseha-service.xml:\n<!-- Written by/);
    expect(steps[2]).toBe("'C:\\ProgramData\\roseha\\service\\roseha-service.exe' install");
    expect(steps[3]).toMatch(/^ROSEHA_ARGS='\{\}' powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand /);
  });

  it('stop and uninstall', async () => {
    expect((await runMain(['--config', exampleConfig, 'service', 'stop', '--dry-run', '--platform', 'linux'])).stdout).toBe('systemctl stop roseha.service\n');
    const u = await runMain(['--config', exampleConfig, 'service', 'uninstall', '--dry-run', '--platform', 'linux']);
    expect(u.stdout).toBe('systemctl disable --now roseha.service\n# remove /etc/systemd/system/roseha.service\nsystemctl daemon-reload\n');
  });
});
