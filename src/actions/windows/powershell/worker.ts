// The long-lived PowerShell worker for frequent probes (monitors every few seconds): one process,
// modules imported once, requests {"id","op","args"} on stdin, one JSON line per answer. Actions
// never go through it: they are rare, and a wedged worker must not block a failover.
import type * as v from 'valibot';
import type { InteractiveSpec, Runner } from '../../../platform/types.js';
import { encodeScript, failureToError, parseData, powershellExe, powershellFlags, type ReasonCodes } from './host.js';
import { LineJsonClient } from './line-client.js';
import { requestLoop } from './prologue.js';
import type { PsScript } from './script.js';
import { probeScripts } from '../scripts/index.js';

export function workerScriptText(scripts: readonly PsScript[] = probeScripts): string {
  const table = scripts.map((s) => `  '${s.name}' = {\n  param($a)\n${s.body}\n  }`).join('\n');
  // Pay the cold import of the CIM modules once, at worker start.
  const setup = `Import-Module -Name 'Storage', 'NetTCPIP' -ErrorAction SilentlyContinue\n`;
  return requestLoop('probe-worker', table, setup);
}

export function workerCommand(): InteractiveSpec {
  return { file: powershellExe, args: [...powershellFlags, '-EncodedCommand', encodeScript(workerScriptText())] };
}

export class PowerShellWorker {
  private readonly client: LineJsonClient;
  private readonly ops = new Set(probeScripts.map((s) => s.name));

  constructor(runner: Runner) {
    this.client = new LineJsonClient(runner, workerCommand(), 'the PowerShell probe worker', {
      unsupported: 'RHA-E3506',
      timeout: 'RHA-E3505',
      exited: 'RHA-E3505',
    });
  }

  /** True when the worker knows this script (only the probes are in its table). */
  serves(script: PsScript): boolean {
    return this.ops.has(script.name);
  }

  async call<S extends v.GenericSchema>(script: PsScript, args: unknown, schema: S, timeoutMs: number, reasons: ReasonCodes = {}): Promise<v.InferOutput<S>> {
    const envelope = await this.client.request({ op: script.name, args }, timeoutMs);
    if (!envelope.ok) throw failureToError(script.name, envelope, reasons);
    return parseData(script.name, schema, envelope.data);
  }

  close(): void {
    this.client.close();
  }
}
