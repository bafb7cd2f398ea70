// Runs a fixed PowerShell script through the Runner and turns its one JSON line into data or a
// RosehaError. User values travel only as JSON in ROSEHA_ARGS; the script text is a constant.
import * as v from 'valibot';
import { RosehaError } from '../../../errors.js';
import type { CommandSpec, QueryAnswer, Runner } from '../../../platform/types.js';
import { envelopeSchema, type PsFailure } from './envelope.js';
import type { PsScript } from './script.js';
import { clixmlToText } from './clixml.js';

export const powershellExe = 'powershell.exe';
/** Windows PowerShell 5.1: no profile, no prompts (a prompt becomes an error), no execution policy in the way. */
export const powershellFlags = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'] as const;

/** -EncodedCommand takes base64 of the UTF-16LE text. */
export function encodeScript(text: string): string {
  return Buffer.from(text, 'utf16le').toString('base64');
}

export function decodeScript(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf16le');
}

/**
 * JSON with every non-ASCII character escaped (\uXXXX): the bytes are then the same in any code
 * page, so a localized interface alias or path survives the environment block and stdin alike.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Windows limits a command line to 32,767 characters; base64 of UTF-16 is 8/3 of the script length. */
export const maxCommandLine = 32_767;

export interface PsCommandOptions {
  timeoutMs: number;
  /** For read-only probes run during an action: what a dry run answers in each simulated world. */
  query?: { absent: unknown; present: unknown };
  /** For actions: the data a dry run pretends the script printed. */
  dryRunData?: unknown;
}

const answer = (data: unknown): QueryAnswer => ({ exitCode: 0, stdout: JSON.stringify({ ok: true, data }) + '\n' });

/** The exact command for one script: `powershell.exe … -EncodedCommand <base64>` with ROSEHA_ARGS. */
export function powershellCommand(script: PsScript, args: unknown, opts: PsCommandOptions): CommandSpec {
  const spec: CommandSpec = {
    file: powershellExe,
    args: [...powershellFlags, '-EncodedCommand', encodeScript(script.text)],
    env: { ROSEHA_ARGS: asciiJson(args) },
    timeoutMs: opts.timeoutMs,
  };
  if (opts.query) spec.query = { absent: answer(opts.query.absent), present: answer(opts.query.present) };
  if (opts.dryRunData !== undefined) spec.dryRunAnswer = answer(opts.dryRunData);
  return spec;
}

/** Maps a script's failure reason (set by `Fail 'reason' ...` in the script) to a catalogued code. */
export type ReasonCodes = Readonly<Record<string, string>>;

export interface RunPsOptions extends PsCommandOptions {
  reasons?: ReasonCodes;
}

export async function runPowerShell<S extends v.GenericSchema>(
  runner: Runner,
  script: PsScript,
  args: unknown,
  dataSchema: S,
  opts: RunPsOptions,
): Promise<v.InferOutput<S>> {
  const result = await runner.run(powershellCommand(script, args, opts));
  const diagnostics = { exitCode: result.exitCode, stdout: result.stdout.slice(0, 2000), stderr: clixmlToText(result.stderr).slice(0, 2000) };
  if (result.timedOut) {
    throw new RosehaError(
      'RHA-E3502',
      `PowerShell script ${script.name} did not finish within ${opts.timeoutMs} ms; what it did is unknown until the state is read again`,
      { details: diagnostics },
    );
  }
  const envelope = parseEnvelope(script.name, result.stdout, result.exitCode, diagnostics);
  if (!envelope.ok) throw failureToError(script.name, envelope, opts.reasons ?? {});
  return parseData(script.name, dataSchema, envelope.data);
}

/** The last non-empty stdout line, validated as our envelope. */
export function parseEnvelope(name: string, stdout: string, exitCode: number, details: Record<string, unknown> = {}) {
  const line = stdout
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .pop();
  let json: unknown;
  try {
    json = line === undefined ? undefined : JSON.parse(line);
  } catch {
    json = undefined;
  }
  const parsed = v.safeParse(envelopeSchema, json);
  if (!parsed.success || (exitCode !== 0 && exitCode !== 1) || (parsed.output.ok ? exitCode !== 0 : exitCode !== 1)) {
    throw new RosehaError(
      'RHA-E3501',
      `PowerShell script ${name} ended without its JSON result (exit code ${exitCode})`,
      { details },
    );
  }
  return parsed.output;
}

export function parseData<S extends v.GenericSchema>(name: string, schema: S, data: unknown): v.InferOutput<S> {
  const parsed = v.safeParse(schema, data);
  if (!parsed.success) {
    // Where and what of each issue (valibot's issues also carry the whole input at every step).
    const issues = parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message }));
    const first = issues[0] ?? { path: '', message: '' };
    const what = first.path ? `${first.path}: ${first.message}` : first.message;
    throw new RosehaError('RHA-E3504', `PowerShell script ${name} printed a result of an unexpected shape: ${what}`, {
      details: { data, issues },
    });
  }
  return parsed.output;
}

export function failureToError(name: string, f: PsFailure, reasons: ReasonCodes): RosehaError {
  // A reason the script named wins; '*' is the operation's own code for any other failure.
  const code = (f.reason && reasons[f.reason]) || reasons['*'] || 'RHA-E3503';
  return new RosehaError(code, `${name}: ${f.error}`, {
    details: { reason: f.reason, type: f.type, fqid: f.fqid, category: f.category, hresult: f.hresult, win32: f.win32 },
  });
}
