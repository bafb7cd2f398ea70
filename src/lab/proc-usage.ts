// Memory and CPU of a set of processes, from /proc: VmRSS and utime+stime.
import { readFile } from 'node:fs/promises';

export interface Usage {
  rssKiB: number;
  /** utime + stime in clock ticks, summed over the processes. */
  cpuTicks: number;
  pids: number[];
}

/** Parses the CPU ticks (fields 14 utime and 15 stime) of a /proc/PID/stat line. */
export function statCpuTicks(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3, so field 14 is rest[11] and field 15 is rest[12].
  return Number(rest[11] ?? 0) + Number(rest[12] ?? 0);
}

export function statusRssKiB(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) : 0;
}

export async function usageOf(pids: readonly number[]): Promise<Usage> {
  let rssKiB = 0;
  let cpuTicks = 0;
  const alive: number[] = [];
  for (const pid of pids) {
    try {
      const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
      cpuTicks += statCpuTicks(stat);
      rssKiB += statusRssKiB(status);
      alive.push(pid);
    } catch {
      // exited in between
    }
  }
  return { rssKiB, cpuTicks, pids: alive };
}

export async function cmdlineOf(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** The parent pid (field 4) of a /proc/PID/stat line. */
export function statParentPid(stat: string): number {
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? 0);
}

/** Every descendant of `pid` (children first, then theirs), from /proc. */
export async function descendantsOf(pid: number): Promise<number[]> {
  const { readdir } = await import('node:fs/promises');
  const parent = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      parent.set(Number(name), statParentPid(await readFile(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // exited
    }
  }
  const out: number[] = [];
  let frontier = [pid];
  while (frontier.length) {
    const next = [...parent].filter(([, pp]) => frontier.includes(pp)).map(([p]) => p);
    out.push(...next);
    frontier = next;
  }
  return out;
}
