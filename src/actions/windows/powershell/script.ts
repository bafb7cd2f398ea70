// A fixed PowerShell script from our own source: its body (a script block over $a, the arguments)
// and the full text run by powershell.exe. The same body serves the one-shot command and the
// long-lived worker, so a probe means the same thing on both paths.
import { perCallScript } from './prologue.js';

export interface PsScript {
  /** Stable name: the first line of the text is "# roseha-script: NAME", so a decoded command says what it is. */
  readonly name: string;
  /** One line for dry-run output and logs: the cmdlets it runs, in order. */
  readonly summary: string;
  /** The body of `{ param($a) ... }`. */
  readonly body: string;
  /** The complete per-call script. */
  readonly text: string;
}

export function defineScript(name: string, summary: string, body: string): PsScript {
  return { name, summary, body, text: perCallScript(name, body) };
}

/** The first-line marker, read back from a decoded script. */
export function scriptNameOf(text: string): string | undefined {
  return /^# roseha-script: ([a-z0-9-]+)/.exec(text)?.[1];
}
