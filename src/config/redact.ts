// What `config show` may print: the config holds paths to secrets, never secrets, except where
// an operator put one in a process resource's environment. Those values are masked.
export const redacted = '(hidden)';

/** Names of settings whose value is a secret (not a path to one: *_file keys are paths). */
const secretName = /(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)/i;

export function isSecretKey(key: string): boolean {
  return secretName.test(key) && !/_file$/i.test(key);
}

/** A deep copy with every secret-looking value replaced. */
export function redactSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') ? redacted : redactSecrets(v);
    }
    return out as T;
  }
  return value;
}
