// Where the lab's helper scripts and the roseha binary are. Found by walking up from this module,
// so it works from the sources (vitest) and from a bundle (the bench, built into node_modules/.cache).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'lab', 'helpers'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('roseha lab: cannot find the repository root (src/lab/helpers) above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

export const helperScript = (name: 'sampler' | 'prober' | 'tcp-server'): string => join(repoRoot(), 'src', 'lab', 'helpers', `${name}.mjs`);
/** bin/roseha of this checkout; ROSEHA_LAB_BIN points the lab at another build (to compare two builds). */
export const rosehaBin = (): string => process.env.ROSEHA_LAB_BIN || join(repoRoot(), 'bin', 'roseha');

export interface LabServiceSpec {
  /** The node's name: what the service answers each connection with. */
  name: string;
  host: string;
  port: number;
  /** A file holding "<name>\n", for socat to send. */
  answerFile: string;
}

export interface LabServiceTools {
  socat: string;
  python: string;
}

const debianTools: LabServiceTools = { socat: '/usr/bin/socat', python: '/usr/bin/python3' };

/**
 * The lab's TCP service (answers every connection with the node's name and a newline), as roseha's
 * process resource starts it on takeover: its start-up counts in the measured outage, and keepalived,
 * which does not manage services, gets the same one running on both nodes. socat where Debian's is
 * installed (a few ms: one small C program), else python3 (~30 ms), else the Node one (~120 ms).
 */
export function labServiceCommand(s: LabServiceSpec, tools: LabServiceTools = debianTools): string[] {
  // socat parses its address arguments (",", ":" and "!!" are syntax): only plain paths go there.
  if (existsSync(tools.socat) && /^[\w./-]+$/.test(s.answerFile)) {
    // -t: after the answer, close within 10 ms instead of socat's default 0.5 s.
    return [tools.socat, '-t', '0.01', `TCP-LISTEN:${s.port},bind=${s.host},reuseaddr,fork,backlog=1024`, `OPEN:${s.answerFile},rdonly`];
  }
  const rest = ['--name', s.name, '--host', s.host, '--port', String(s.port)];
  if (existsSync(tools.python)) return [tools.python, join(repoRoot(), 'src', 'lab', 'helpers', 'tcp-server.py'), ...rest];
  return [process.execPath, helperScript('tcp-server'), ...rest];
}
