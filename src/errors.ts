import { ExitCode } from './exit-codes.js';

/** The one error class: every failure a user can see carries a catalogued code. */
export class RosehaError extends Error {
  readonly code: string;
  readonly exitCode: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
    message: string,
    opts: { exitCode?: number; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'RosehaError';
    this.code = code;
    this.exitCode = opts.exitCode ?? ExitCode.error;
    this.details = opts.details;
  }
}

export const isRosehaError = (e: unknown): e is RosehaError => e instanceof RosehaError;

/** A problem found while checking something (config, a request): reported in bulk, not thrown one by one. */
export interface Problem {
  code: string;
  severity: 'error' | 'warning';
  /** Where: `file:line:column` for syntax, a TOML path such as `group.erp.resource[1].address` for schema. */
  where?: string;
  message: string;
}
