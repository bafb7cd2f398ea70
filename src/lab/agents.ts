// How the lab starts the agents under test: roseha (the command line is a parameter, so the lab works
// before and after `roseha agent` exists) and keepalived, for comparison.
import { join } from 'node:path';
import { rm, writeFile } from 'node:fs/promises';
import type { Runner } from '../platform/types.js';
import { rosehaBin } from './paths.js';
import type { LabNames, LabNodeName } from './names.js';
import { renderKeepalivedConfig, type KeepalivedSetting } from './keepalived-render.js';

export interface AgentCommandContext {
  node: LabNodeName;
  /** The generated TOML config of that node. */
  configFile: string;
}
/** The agent's command line for one node; run inside the node's namespace, cwd = the node's folder. */
export type AgentCommand = (ctx: AgentCommandContext) => { file: string; args: string[] };

export const defaultAgentCommand: AgentCommand = ({ node, configFile }) => ({
  file: process.execPath,
  args: [rosehaBin(), 'agent', '--config', configFile, '--node', node],
});

export type Availability = { available: true } | { available: false; reason: string };

/**
 * Whether `roseha agent` exists yet: `roseha agent --help` must succeed and mention --config.
 * A missing build (RHA-E1000) or an unknown command is "not available", never a crash.
 */
export async function rosehaAgentAvailability(runner: Runner): Promise<Availability> {
  const r = await runner.run({ file: process.execPath, args: [rosehaBin(), 'agent', '--help'], timeoutMs: 20_000 });
  if (r.exitCode === 0 && r.stdout.includes('--config')) return { available: true };
  const said = (r.stderr.trim() || r.stdout.trim()).split('\n')[0] ?? '';
  return { available: false, reason: `agent not available: \`roseha agent --help\` exited ${r.exitCode}${said ? `: ${said}` : ''}` };
}

export async function keepalivedAvailability(runner: Runner): Promise<Availability> {
  const r = await runner.run({ file: 'keepalived', args: ['--version'], timeoutMs: 10_000 });
  return r.exitCode === 0 ? { available: true } : { available: false, reason: 'keepalived not installed (apt-get install keepalived)' };
}

export async function startKeepalived(runner: Runner, n: LabNames, node: LabNodeName, setting: KeepalivedSetting): Promise<number> {
  const dir = n.nodes[node].dir;
  const conf = join(dir, 'keepalived.conf');
  await writeFile(conf, renderKeepalivedConfig(n, node, setting));
  // After a power loss the pid files are stale (a reboot would have emptied /run), and a pid in them may
  // belong to another process by now: keepalived then says "daemon is already running" and exits.
  const pidFiles = ['keepalived.pid', 'keepalived-vrrp.pid', 'keepalived-checkers.pid'].map((f) => join(dir, f));
  for (const f of pidFiles) await rm(f, { force: true });
  const { pid } = await runner.spawnDetached({
    file: 'ip',
    args: ['netns', 'exec', n.nodes[node].netns, 'keepalived', '--dont-fork', '--log-console', '--log-detail', '--vrrp',
      '--use-file', conf, '--pid', pidFiles[0]!, '--vrrp_pid', pidFiles[1]!, '--checkers_pid', pidFiles[2]!],
    logFile: join(dir, 'keepalived.log'),
    cwd: dir,
  });
  return pid;
}
