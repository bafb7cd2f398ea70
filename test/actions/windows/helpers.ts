// Test helpers for the Windows drivers: read back what a recorded PowerShell command runs.
import type { CommandResult, CommandSpec } from '../../../src/platform/types.js';
import type { DriverContext } from '../../../src/actions/types.js';
import { RecordingRunner } from '../../../src/platform/recording-runner.js';
import { decodeScript } from '../../../src/actions/windows/powershell/host.js';
import { scriptNameOf } from '../../../src/actions/windows/powershell/script.js';

export function decodedText(spec: Pick<CommandSpec, 'args'>): string {
  const i = spec.args.indexOf('-EncodedCommand');
  if (i < 0) throw new Error(`not an encoded PowerShell command: ${spec.args.join(' ')}`);
  return decodeScript(spec.args[i + 1] ?? '');
}

export function scriptName(spec: Pick<CommandSpec, 'args'>): string | undefined {
  return spec.args.includes('-EncodedCommand') ? scriptNameOf(decodedText(spec)) : undefined;
}

export const isScript = (name: string) => Object.assign((spec: CommandSpec) => scriptName(spec) === name, { displayName: name });

export const ok = (data: unknown): Partial<CommandResult> => ({ exitCode: 0, stdout: JSON.stringify({ ok: true, data }) + '\r\n' });

export const fail = (reason: string, error = 'failed'): Partial<CommandResult> => ({
  exitCode: 1,
  stdout: JSON.stringify({ id: null, ok: false, reason, error, type: 'System.Exception', fqid: '', category: 'NotSpecified', hresult: -2146233088, win32: null }) + '\r\n',
});

export function ctxFor(runner: RecordingRunner, extra: Partial<DriverContext> = {}): DriverContext {
  return { runner, platform: 'windows', timeoutMs: 60_000, stateDir: 'C:\\ProgramData\\roseha\\state', gateway: '10.0.0.1', ...extra };
}
