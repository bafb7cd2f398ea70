// What the Windows drivers share: time budgets and the probe path (worker when there is one,
// otherwise one PowerShell per call).
import type * as v from 'valibot';
import { isRosehaError } from '../../../errors.js';
import type { DriverContext } from '../../types.js';
import { runPowerShell, type ReasonCodes } from '../powershell/host.js';
import type { PsScript } from '../powershell/script.js';
import type { PowerShellWorker } from '../powershell/worker.js';

export interface WindowsDriverOptions {
  /** The long-lived worker for monitors; without one every probe starts powershell.exe. */
  worker?: PowerShellWorker;
}

/**
 * The part of an operation's deadline a script may spend waiting inside PowerShell: the rest pays
 * for starting powershell.exe and importing modules (up to about a second each, unverified).
 */
export function innerBudget(timeoutMs: number): number {
  return Math.max(0, timeoutMs - Math.min(5000, Math.floor(timeoutMs / 4)));
}

export async function probe<S extends v.GenericSchema>(
  ctx: DriverContext,
  opts: WindowsDriverOptions,
  script: PsScript,
  args: unknown,
  schema: S,
  reasons: ReasonCodes = {},
  /** What a dry run answers: the probe's data when the resource is absent and when it is present. */
  query?: { absent: unknown; present: unknown },
): Promise<v.InferOutput<S>> {
  const worker = opts.worker;
  if (worker && worker.serves(script)) {
    try {
      return await worker.call(script, args, schema, ctx.timeoutMs, reasons);
    } catch (e) {
      // A dead or wedged worker must not turn into a failed resource: ask once more the slow way.
      if (!(isRosehaError(e) && (e.code === 'RHA-E3505' || e.code === 'RHA-E3506'))) throw e;
    }
  }
  return runPowerShell(ctx.runner, script, args, schema, { timeoutMs: ctx.timeoutMs, reasons, ...(query ? { query } : {}) });
}

/** The first line of a text, for MonitorResult.output. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/).find((l) => l.trim().length > 0)?.trim() ?? '';
}
