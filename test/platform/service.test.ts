// Golden tests of `roseha service`: the systemd unit and the WinSW XML, and every command of each
// action (systemd does not run here, and Windows is unverified: what would run is exactly this).
import { describe, expect, it } from 'vitest';
import { RecordingRunner } from '../../src/platform/recording-runner.js';
import { runServicePlan, describeStep, type FileOps } from '../../src/platform/service-plan.js';
import { systemdPlan, systemdQuote, systemdUnit } from '../../src/platform/service-systemd.js';
import { windowsArg, winswPlan, winswXml } from '../../src/platform/service-winsw.js';
import { decodeScript } from '../../src/actions/windows/powershell/host.js';
import { registerEventSourceScript } from '../../src/agent/alerts/powershell.js';

const linux = { node: '/usr/bin/node', entry: '/opt/roseha/bin/roseha', configFile: '/etc/roseha/roseha.toml', stopTimeoutS: 90 };
const windows = {
  node: 'C:\\Program Files\\nodejs\\node.exe',
  entry: 'C:\\Program Files\\roseha\\bin\\roseha',
  configFile: 'C:\\ProgramData\\roseha\\roseha.toml',
  stopTimeoutS: 90,
  serviceDir: 'C:\\ProgramData\\roseha\\service',
  winswExe: 'D:\\dl\\WinSW-x64.exe',
};

function fakeFiles() {
  const log: string[] = [];
  const files: FileOps = {
    write: (p, _t, mode) => log.push(`write ${p} ${mode?.toString(8) ?? ''}`.trim()),
    copy: (a, b) => log.push(`copy ${a} ${b}`),
    remove: (p) => log.push(`remove ${p}`),
  };
  return { log, files };
}

describe('systemd', () => {
  it('the unit file', () => {
    expect(systemdUnit(linux)).toBe(`# Written by \`roseha service install\`; \`roseha service uninstall\` removes it.
[Unit]
Description=roseha high-availability cluster agent
Documentation=man:roseha(1)
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=/usr/bin/node /opt/roseha/bin/roseha agent --config /etc/roseha/roseha.toml
Restart=on-failure
RestartSec=2
KillMode=mixed
KillSignal=SIGTERM
TimeoutStopSec=90
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
`);
  });

  it('quotes paths with spaces, quotes, % and $ for ExecStart', () => {
    expect(systemdQuote('/opt/my roseha/x"y%z$HOME')).toBe('"/opt/my roseha/x\\"y%%z$$HOME"');
    expect(systemdUnit({ ...linux, configFile: '/etc/ro seha/r.toml' })).toContain('--config "/etc/ro seha/r.toml"\n');
  });

  it.each([
    ['install', ['write /etc/systemd/system/roseha.service 644'], [['systemctl', 'daemon-reload'], ['systemctl', 'enable', 'roseha.service']]],
    ['start', [], [['systemctl', 'start', 'roseha.service']]],
    ['stop', [], [['systemctl', 'stop', 'roseha.service']]],
    ['uninstall', ['remove /etc/systemd/system/roseha.service'], [['systemctl', 'disable', '--now', 'roseha.service'], ['systemctl', 'daemon-reload']]],
  ] as const)('%s: files and commands', async (action, fileLog, argvs) => {
    const r = new RecordingRunner();
    for (const a of argvs) r.stub([...a], { exitCode: 0 });
    const { log, files } = fakeFiles();
    await runServicePlan(systemdPlan(action, linux), r, files);
    r.verify();
    expect(r.argvs).toEqual(argvs);
    expect(log).toEqual(fileLog);
  });

  it('a failing command stops the plan with RHA-E5262 and its output', async () => {
    const r = new RecordingRunner();
    r.stub(['systemctl', 'daemon-reload'], { exitCode: 1, stderr: 'Access denied' });
    const { log, files } = fakeFiles();
    await expect(runServicePlan(systemdPlan('install', linux), r, files)).rejects.toMatchObject({ code: 'RHA-E5262', message: expect.stringContaining('Access denied') });
    expect(r.argvs).toEqual([['systemctl', 'daemon-reload']]);
    expect(log).toHaveLength(1);
  });

  it('uninstalling a unit that is not loaded goes on (disable exit 5 is fine)', async () => {
    const r = new RecordingRunner();
    r.stub(['systemctl', 'disable', '--now', 'roseha.service'], { exitCode: 5 });
    r.stub(['systemctl', 'daemon-reload'], { exitCode: 0 });
    await runServicePlan(systemdPlan('uninstall', linux), r, fakeFiles().files);
    r.verify();
  });
});

describe('WinSW (unverified on Windows)', () => {
  it('the service XML', () => {
    expect(winswXml(windows)).toBe(`<!-- Written by \`roseha service install\`; \`roseha service uninstall\` removes it. -->
<service>
  <id>roseha</id>
  <name>roseha (roseha)</name>
  <description>roseha high-availability cluster agent</description>
  <executable>C:\\Program Files\\nodejs\\node.exe</executable>
  <arguments>&quot;C:\\Program Files\\roseha\\bin\\roseha&quot; agent --config C:\\ProgramData\\roseha\\roseha.toml</arguments>
  <workingdirectory>C:\\ProgramData\\roseha\\service</workingdirectory>
  <startmode>Automatic</startmode>
  <delayedAutoStart>false</delayedAutoStart>
  <serviceaccount>
    <username>LocalSystem</username>
  </serviceaccount>
  <stopparentprocessfirst>true</stopparentprocessfirst>
  <stoptimeout>90 sec</stoptimeout>
  <onfailure action="restart" delay="5 sec"/>
  <onfailure action="restart" delay="10 sec"/>
  <resetfailure>1 hour</resetfailure>
  <log mode="roll-by-size">
    <sizeThreshold>10240</sizeThreshold>
    <keepFiles>8</keepFiles>
  </log>
</service>
`);
  });

  it('Windows command-line quoting (MSVCRT rules) and XML escaping keep a hostile path data', () => {
    expect(windowsArg('C:\\a b\\')).toBe('"C:\\a b\\\\"');
    expect(windowsArg('say "hi"')).toBe('"say \\"hi\\""');
    expect(winswXml({ ...windows, configFile: 'C:\\x</arguments><executable>evil.exe' })).not.toContain('<executable>evil.exe');
  });

  it('install: copy WinSW as roseha-service.exe, write the XML, install, register the event source', async () => {
    const r = new RecordingRunner();
    r.stub(['C:\\ProgramData\\roseha\\service\\roseha-service.exe', 'install'], { exitCode: 0 });
    r.stub((s) => s.file === 'powershell.exe', { exitCode: 0 });
    const { log, files } = fakeFiles();
    await runServicePlan(winswPlan('install', windows), r, files);
    r.verify();
    expect(log).toEqual([
      'copy D:\\dl\\WinSW-x64.exe C:\\ProgramData\\roseha\\service\\roseha-service.exe',
      'write C:\\ProgramData\\roseha\\service\\roseha-service.xml',
    ]);
    expect(decodeScript(r.calls[1]!.args.at(-1)!)).toBe(registerEventSourceScript.text);
    expect(registerEventSourceScript.text).toContain("New-EventLog -LogName Application -Source 'roseha'");
  });

  it.each([
    ['start', [['start', 0]]],
    ['stop', [['stop', 0]]],
    ['uninstall', [['stop', 1], ['uninstall', 0]]],
  ] as const)('%s: WinSW verbs', async (action, verbs) => {
    const r = new RecordingRunner();
    const exe = 'C:\\ProgramData\\roseha\\service\\roseha-service.exe';
    for (const [v, code] of verbs) r.stub([exe, v], { exitCode: code });
    await runServicePlan(winswPlan(action, windows), r, fakeFiles().files);
    r.verify();
    expect(r.argvs).toEqual(verbs.map(([v]) => [exe, v]));
  });

  it('--dry-run text shows each step as a person would type it', () => {
    expect(winswPlan('start', windows).map(describeStep)).toEqual(["'C:\\ProgramData\\roseha\\service\\roseha-service.exe' start"]);
    expect(describeStep(systemdPlan('install', linux)[0]!)).toMatch(/^# write \/etc\/systemd\/system\/roseha.service \(mode 644\):\n# Written by/);
  });
});
