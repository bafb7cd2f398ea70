// The agent a command talks to, without loading the config's TOML parser when ROSEHA_SOCKET names
// the socket: `status` must start fast (issue #2). Anything else is src/client/locate.ts's answer.
import type { ClientTarget } from './index.js';

export async function resolveClientTarget(
  globals: { config?: string; host?: string; token?: string; fingerprint?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClientTarget> {
  // The same precedence as clientTarget(): --host first, then ROSEHA_SOCKET.
  if (!globals.host && env.ROSEHA_SOCKET) return { socketPath: env.ROSEHA_SOCKET };
  const { clientTarget } = await import('./locate.js');
  return clientTarget(globals, env);
}
