// roseha as a Windows service through WinSW (a maintained MIT service wrapper: one exe plus an XML
// file; NSSM is unmaintained, node-windows only wraps WinSW). The WinSW exe is copied next to the
// XML as roseha-service.exe, which is how WinSW finds its XML. Unverified on Windows: golden-tested.
import { join, win32 } from 'node:path';
import type { RunStep, ServiceAction, ServiceStep } from './service-plan.js';
import { powershellCommand } from '../actions/windows/powershell/host.js';
import { registerEventSourceScript } from '../agent/alerts/powershell.js';
import type { ServiceTarget } from './service-systemd.js';

export interface WinswTarget extends ServiceTarget {
  /** Where the service's files go (default %ProgramData%\roseha\service). */
  serviceDir: string;
  /** The WinSW executable to copy (install only). */
  winswExe?: string;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** One argument for CreateProcess (MSVCRT rules): quoted when it has spaces or quotes. */
export function windowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

export function winswXml(t: WinswTarget): string {
  const name = t.name ?? 'roseha';
  const args = [t.entry, 'agent', '--config', t.configFile].map(windowsArg).join(' ');
  return `<!-- Written by \`roseha service install\`; \`roseha service uninstall\` removes it. -->
<service>
  <id>${xmlEscape(name)}</id>
  <name>roseha (${xmlEscape(name)})</name>
  <description>roseha high-availability cluster agent</description>
  <executable>${xmlEscape(t.node)}</executable>
  <arguments>${xmlEscape(args)}</arguments>
  <workingdirectory>${xmlEscape(t.serviceDir)}</workingdirectory>
  <startmode>Automatic</startmode>
  <delayedAutoStart>false</delayedAutoStart>
  <serviceaccount>
    <username>LocalSystem</username>
  </serviceaccount>
  <stopparentprocessfirst>true</stopparentprocessfirst>
  <stoptimeout>${t.stopTimeoutS ?? 90} sec</stoptimeout>
  <onfailure action="restart" delay="5 sec"/>
  <onfailure action="restart" delay="10 sec"/>
  <resetfailure>1 hour</resetfailure>
  <log mode="roll-by-size">
    <sizeThreshold>10240</sizeThreshold>
    <keepFiles>8</keepFiles>
  </log>
</service>
`;
}

export function winswPlan(action: ServiceAction, t: WinswTarget): ServiceStep[] {
  const name = t.name ?? 'roseha';
  const exe = win32.join(t.serviceDir, `${name}-service.exe`);
  const xml = win32.join(t.serviceDir, `${name}-service.xml`);
  const winsw = (verb: string): RunStep => ({ kind: 'run', spec: { file: exe, args: [verb], timeoutMs: 180_000 } });
  switch (action) {
    case 'install':
      return [
        { kind: 'copy', from: t.winswExe ?? join(t.serviceDir, 'WinSW.exe'), to: exe },
        { kind: 'write', path: xml, text: winswXml(t) },
        winsw('install'),
        // The alerts' event source (New-EventLog needs an administrator, as install does).
        { kind: 'run', spec: powershellCommand(registerEventSourceScript, {}, { timeoutMs: 60_000 }) },
      ];
    case 'start':
      return [winsw('start')];
    case 'stop':
      return [winsw('stop')];
    case 'uninstall':
      return [{ ...winsw('stop'), okExitCodes: [1] }, winsw('uninstall'), { kind: 'remove', path: xml }, { kind: 'remove', path: exe }];
  }
}
