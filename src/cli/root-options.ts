// roseha's own options (before or after the command words), as data: commander's tree is built
// from them (src/cli/program.ts), and the plain-argv path (src/cli/plain-argv.ts) reads the same
// list without loading commander.
import type { OptionDef } from '../commands/types.js';

export const rootOptions: readonly OptionDef[] = [
  { flags: '-c, --config <file>', description: 'config file (default: $ROSEHA_CONFIG, then the platform default)' },
  { flags: '--json', description: 'machine-readable output (with schemaVersion)', default: false },
  { flags: '--lang <lang>', description: 'language of messages', choices: ['en', 'zh-CN'] },
  { flags: '--host <host:port>', description: 'talk to the agent on another machine (API over TLS)' },
  { flags: '--token <token>', description: 'API token for --host (default: $ROSEHA_TOKEN, then the token file)' },
  { flags: '--fingerprint <sha256>', description: "pin the --host agent's certificate (default: $ROSEHA_FINGERPRINT, then known_hosts)" },
  { flags: '--no-color', description: 'no colour even on a terminal' },
];

/** The --dry-run every command that acts takes. */
export const dryRunOption: OptionDef = { flags: '--dry-run', description: 'print what would be done (the exact commands), change nothing' };
