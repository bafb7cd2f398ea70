// Human-readable rendering of a Windows command for dry runs and logs: the base64 script is
// decoded back to its name and summary, and ROSEHA_ARGS is shown as the JSON it is.
import type { CommandSpec } from '../../platform/types.js';
import { formatCommand } from '../../platform/types.js';
import { decodeScript, powershellExe } from './powershell/host.js';
import { scriptNameOf } from './powershell/script.js';
import { perCallScripts } from './scripts/index.js';

export function describeWindowsCommand(spec: Pick<CommandSpec, 'file' | 'args' | 'env'>): string {
  const i = spec.args.indexOf('-EncodedCommand');
  const encoded = i >= 0 ? spec.args[i + 1] : undefined;
  if (spec.file !== powershellExe || encoded === undefined) return formatCommand({ file: spec.file, args: spec.args });
  const name = scriptNameOf(decodeScript(encoded)) ?? 'unknown-script';
  const summary = perCallScripts.find((s) => s.name === name)?.summary ?? '';
  const args = spec.env?.ROSEHA_ARGS ?? '{}';
  return `powershell.exe [${name}] ${summary} ROSEHA_ARGS=${args}`;
}
