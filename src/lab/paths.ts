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
}

/**
 * The lab's TCP service (answers every connection with the node's name and a newline), as roseha's
 * process resource starts it on takeover: its start-up counts in the measured outage, and keepalived,
 * which does not manage services, gets the same one running on both nodes. The Perl version where
 * perl is (perl-base is on every Debian system; it answers ~13 ms after the spawn here, python3 -S
 * took ~40), else the Node one (~120 ms). (socat, tried: its forking listener fell behind the
 * prober inside the lab, 200 connections queued, and was dropped.)
 */
export function labServiceCommand(s: LabServiceSpec, perl = '/usr/bin/perl'): string[] {
  const rest = ['--name', s.name, '--host', s.host, '--port', String(s.port)];
  if (existsSync(perl)) return [perl, join(repoRoot(), 'src', 'lab', 'helpers', 'tcp-server.pl'), ...rest];
  return [process.execPath, helperScript('tcp-server'), ...rest];
}
