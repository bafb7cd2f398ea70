import type { Lang } from './types.js';

/** Maps a locale name (zh_CN.UTF-8, zh-Hans, en-US, …) to one of ours; undefined when it says nothing. */
export function langFromLocale(locale: string | undefined): Lang | undefined {
  if (!locale) return undefined;
  const l = locale.toLowerCase();
  if (l === 'c' || l === 'posix' || l.startsWith('c.')) return undefined;
  if (l.startsWith('zh')) return 'zh-CN';
  if (/^[a-z]{2}/.test(l)) return 'en';
  return undefined;
}

/**
 * The language chosen by `--lang`, then the config's `cluster.language`, then the environment:
 * LC_ALL / LC_MESSAGES / LANG (POSIX), else the process locale ICU reports (on Windows that
 * follows the user's UI culture).
 */
export function chooseLang(
  opts: { flag?: string | undefined; configLanguage?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
  icuLocale: () => string = () => Intl.DateTimeFormat().resolvedOptions().locale,
): Lang {
  return (
    langFromLocale(opts.flag) ??
    langFromLocale(opts.configLanguage) ??
    langFromLocale(env.LC_ALL) ??
    langFromLocale(env.LC_MESSAGES) ??
    langFromLocale(env.LANG) ??
    langFromLocale(icuLocale()) ??
    'en'
  );
}
