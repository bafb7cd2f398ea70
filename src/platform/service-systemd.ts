// roseha as a systemd service: one unit, /etc/systemd/system/roseha.service. The guardian is the
// main process: KillMode=mixed sends SIGTERM to it alone (it asks the worker to hand the groups
// over), and SIGKILL to whatever is left after TimeoutStopSec.
import type { RunStep, ServiceAction, ServiceStep } from './service-plan.js';

export interface ServiceTarget {
  /** The node executable and roseha's entry script: the service runs `NODE ENTRY agent --config FILE`. */
  node: string;
  entry: string;
  configFile: string;
  /** Service name (default roseha). */
  name?: string;
  /** Longest time a clean stop may take (the groups' stop timeouts, plus margin). */
  stopTimeoutS?: number;
}

export const unitDir = '/etc/systemd/system';

/** systemd's quoting for ExecStart: double quotes, backslash and quote escaped; % doubled. */
export function systemdQuote(arg: string): string {
  if (/^[A-Za-z0-9_./:=@+,-]+$/.test(arg)) return arg;
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

export function systemdUnit(t: ServiceTarget): string {
  const exec = [t.node, t.entry, 'agent', '--config', t.configFile].map(systemdQuote).join(' ');
  return `# Written by \`roseha service install\`; \`roseha service uninstall\` removes it.
[Unit]
Description=roseha high-availability cluster agent
Documentation=man:roseha(1)
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=${exec}
Restart=on-failure
RestartSec=2
KillMode=mixed
KillSignal=SIGTERM
TimeoutStopSec=${t.stopTimeoutS ?? 90}
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
`;
}

export function systemdPlan(action: ServiceAction, t: ServiceTarget): ServiceStep[] {
  const name = t.name ?? 'roseha';
  const unit = `${name}.service`;
  const path = `${unitDir}/${unit}`;
  const systemctl = (...args: string[]): RunStep => ({ kind: 'run', spec: { file: 'systemctl', args, timeoutMs: 120_000 } });
  switch (action) {
    case 'install':
      return [{ kind: 'write', path, text: systemdUnit(t), mode: 0o644 }, systemctl('daemon-reload'), systemctl('enable', unit)];
    case 'start':
      return [systemctl('start', unit)];
    case 'stop':
      return [systemctl('stop', unit)];
    case 'uninstall':
      // "not loaded" (5) is fine: uninstalling what is half installed must work.
      return [{ ...systemctl('disable', '--now', unit), okExitCodes: [1, 5] }, { kind: 'remove', path }, systemctl('daemon-reload')];
  }
}
