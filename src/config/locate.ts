import { join } from 'node:path';

/** `--config`, then ROSEHA_CONFIG, then the platform default. */
export function locateConfig(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (flag) return flag;
  if (env.ROSEHA_CONFIG) return env.ROSEHA_CONFIG;
  return defaultConfigPath(env, platform);
}

export function defaultConfigPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'roseha', 'roseha.toml');
  return '/etc/roseha/roseha.toml';
}

export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'roseha', 'state');
  return '/var/lib/roseha';
}
