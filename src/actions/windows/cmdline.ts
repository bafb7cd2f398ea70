// Windows command lines from argument vectors. CreateProcess takes one string; programs split it
// with the MSVCRT rules (CommandLineToArgvW): backslashes are literal except before a double quote.
// Quoting here is data formatting for the program we start, never PowerShell or cmd.exe syntax.

/** One argument, quoted only when it must be (empty, whitespace, or a double quote). */
export function quoteWindowsArg(arg: string): string {
  if (arg.length > 0 && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    if (ch === '"') {
      out += '\\'.repeat(backslashes * 2 + 1) + '"';
    } else {
      out += '\\'.repeat(backslashes) + ch;
    }
    backslashes = 0;
  }
  // Backslashes before the closing quote are doubled so that they stay literal.
  return out + '\\'.repeat(backslashes * 2) + '"';
}

/**
 * The program name follows simpler rules (no backslash escapes, a quote only delimits), so it may
 * not contain a double quote at all; the caller checks that first.
 */
export function windowsCommandLine(argv: readonly string[]): string {
  const [program, ...args] = argv;
  if (program === undefined) return '';
  const head = /[\s]/.test(program) || program.length === 0 ? `"${program}"` : program;
  return [head, ...args.map(quoteWindowsArg)].join(' ');
}
