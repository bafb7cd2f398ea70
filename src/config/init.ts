// `roseha config init`: gathers the answers (flags in a batch job, prompts on a terminal), renders
// the starter file, checks that it validates, then writes it and the cluster key.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { isIPv4 } from 'node:net';
import { dirname, isAbsolute, resolve } from 'node:path';
import { RosehaError, type Problem } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { parseConfigText } from './load.js';
import { renderStarterConfig, type StarterAnswers, type StarterNode } from './starter.js';
import { ensureClusterKey } from './key.js';
import { apiPaths } from '../agent/api/tls.js';
import { ensureApiCredentials, type EnsureResult } from '../agent/api/tls-cert.js';
import { timingProfiles, type TimingProfile } from './timing.js';

export interface InitFlags {
  clusterName?: string;
  nodeA?: string;
  nodeB?: string;
  gateway?: string;
  disk?: string;
  vip?: string[];
  interface?: string;
  group?: string;
  profile?: string;
  language?: string;
}

/** The questions asked on a terminal; tests pass a scripted one. */
export interface Prompter {
  input(message: string, opts: { default?: string; validate: (v: string) => true | string }): Promise<string>;
  select<T extends string>(message: string, choices: readonly T[], defaultValue: T): Promise<T>;
}

const nameRe = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const checkName = (v: string) => nameRe.test(v) || 'letters, digits, ".", "_" or "-", starting with a letter or digit';
const checkIp = (v: string) => isIPv4(v) || 'an IPv4 address such as 10.0.0.11';
const checkOptionalIp = (v: string) => v === '' || checkIp(v);
const checkCidr = (v: string) => {
  const [ip, prefix, extra] = v.split('/');
  return (extra === undefined && !!ip && isIPv4(ip) && /^\d{1,2}$/.test(prefix ?? '') && Number(prefix) <= 32) || 'an address with prefix length, such as 10.0.0.100/24';
};

const usage = (message: string) => new RosehaError('RHA-E1014', message, { exitCode: ExitCode.usage });

/** `NAME=PRIVATE,PUBLIC` → a node. */
export function parseNodeFlag(flag: string, value: string): StarterNode {
  const m = /^([^=]+)=([^,]+),([^,]+)$/.exec(value.trim());
  if (!m) throw usage(`${flag} "${value}": expected NAME=PRIVATE,PUBLIC such as node-a=192.168.100.1,10.0.0.11`);
  const [, name, priv, pub] = m as unknown as [string, string, string, string];
  for (const [what, ok] of [['name', checkName(name)], ['private address', checkIp(priv)], ['public address', checkIp(pub)]] as const) {
    if (ok !== true) throw usage(`${flag} "${value}": the ${what} must be ${ok}`);
  }
  return { name, private: priv, public: pub };
}

export const defaultInterface = (platform: NodeJS.Platform) => (platform === 'win32' ? 'Ethernet0' : 'eth0');

/** Batch mode: every answer from flags; what is missing and has no default is a usage error. */
export function answersFromFlags(f: InitFlags, platform: NodeJS.Platform, keyFile: string): StarterAnswers {
  const missing = [!f.clusterName && '--cluster-name', !f.nodeA && '--node-a', !f.nodeB && '--node-b'].filter(Boolean);
  if (missing.length > 0) {
    throw new RosehaError('RHA-E1013', `not on a terminal, so nothing can be asked: give ${missing.join(', ')} (see roseha config init --help)`, { exitCode: ExitCode.usage });
  }
  const check = (flag: string, value: string | undefined, test: (v: string) => true | string) => {
    if (value === undefined) return;
    const ok = test(value);
    if (ok !== true) throw usage(`${flag} "${value}": expected ${ok}`);
  };
  check('--cluster-name', f.clusterName, checkName);
  check('--gateway', f.gateway, checkIp);
  check('--group', f.group, checkName);
  for (const v of f.vip ?? []) check('--vip', v, checkCidr);
  const profile = (f.profile ?? 'balanced') as TimingProfile;
  if (!(profile in timingProfiles)) throw usage(`--profile "${f.profile}": expected one of ${Object.keys(timingProfiles).join(', ')}`);
  return {
    clusterName: f.clusterName!,
    language: f.language === 'zh-CN' ? 'zh-CN' : 'en',
    profile,
    nodes: [parseNodeFlag('--node-a', f.nodeA!), parseNodeFlag('--node-b', f.nodeB!)],
    gateway: f.gateway,
    disk: f.disk,
    vips: f.vip ?? [],
    interface: f.interface ?? defaultInterface(platform),
    group: f.group,
    keyFile,
    platform,
  };
}

/** Terminal mode: asks for everything, offering the flags' values as defaults. */
export async function answersFromPrompts(f: InitFlags, p: Prompter, platform: NodeJS.Platform, keyFile: string): Promise<StarterAnswers> {
  const clusterName = await p.input('Cluster name', { default: f.clusterName ?? 'cluster', validate: checkName });
  const nodeDefaults = [f.nodeA, f.nodeB].map((v, i) => (v ? parseNodeFlag(i === 0 ? '--node-a' : '--node-b', v) : undefined));
  const nodes: StarterNode[] = [];
  for (const [i, label] of ['first', 'second'].entries()) {
    const d = nodeDefaults[i];
    const name = await p.input(`Name of the ${label} node (its host name)`, { default: d?.name ?? `node-${'ab'[i]}`, validate: checkName });
    const priv = await p.input(`${name}: private (heartbeat) address`, { ...(d ? { default: d.private } : {}), validate: checkIp });
    const pub = await p.input(`${name}: public (client) address`, { ...(d ? { default: d.public } : {}), validate: checkIp });
    nodes.push({ name, private: priv, public: pub });
  }
  const gateway = await p.input('Gateway of the public network (empty: none)', { default: f.gateway ?? '', validate: checkOptionalIp });
  const disk = await p.input(
    `Disk heartbeat: a raw partition or shared file (${platform === 'win32' ? '\\\\.\\PhysicalDrive2' : '/dev/sdb1'}; empty: none)`,
    { default: f.disk ?? '', validate: () => true },
  );
  const vip = await p.input('Virtual IP with prefix length (empty: none)', {
    default: f.vip?.[0] ?? '',
    validate: (v) => v === '' || checkCidr(v),
  });
  const iface = vip ? await p.input('Network interface for the virtual IP', { default: f.interface ?? defaultInterface(platform), validate: (v) => v.length > 0 || 'a name' }) : (f.interface ?? defaultInterface(platform));
  const profile = await p.select('Timing profile', Object.keys(timingProfiles) as TimingProfile[], (f.profile as TimingProfile) ?? 'balanced');
  const language = await p.select('Language of messages', ['en', 'zh-CN'] as const, f.language === 'zh-CN' ? 'zh-CN' : 'en');
  return {
    clusterName,
    language,
    profile,
    nodes: [nodes[0]!, nodes[1]!],
    gateway: gateway || undefined,
    disk: disk || undefined,
    vips: vip ? [vip, ...(f.vip?.slice(1) ?? [])] : [],
    interface: iface,
    group: f.group,
    keyFile,
    platform,
  };
}

export interface InitResult {
  file: string;
  keyFile: string;
  keyCreated: boolean;
  text: string;
  warnings: Problem[];
  /** The remote API's certificate and token (created where missing, never replaced). */
  api?: EnsureResult & { certFile: string; keyFile: string; tokenFile: string };
}

/** Renders, proves the result validates, and writes (unless dryRun). Never overwrites without force. */
export function writeStarter(file: string, answers: StarterAnswers, opts: { force: boolean; dryRun: boolean }): InitResult {
  const target = resolve(file);
  if (!opts.force && existsSync(target)) {
    throw new RosehaError('RHA-E1012', `${target} exists; add --force to replace it (the old file is not kept)`);
  }
  const text = renderStarterConfig(answers);
  const { config, problems } = parseConfigText(text, target);
  const errors = problems.filter((p) => p.severity === 'error');
  if (!config || errors.length > 0) {
    // The answers were checked one by one; a combination can still be wrong (two nodes, one address).
    throw new RosehaError(errors[0]?.code ?? 'RHA-E1002', `the answers do not make a valid config: ${errors.map((e) => `${e.where}: ${e.message}`).join('; ')}`, {
      details: { problems },
    });
  }
  const keyFile = config.paths.key_file;
  if (opts.dryRun) return { file: target, keyFile, keyCreated: false, text, warnings: problems };
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o644 });
  renameSync(tmp, target);
  const keyCreated = ensureClusterKey(isAbsolute(keyFile) ? keyFile : resolve(dirname(target), keyFile));
  const files = apiPaths(target, config.api);
  const api = ensureApiCredentials(files, {
    cluster: config.cluster.name,
    names: config.node.map((n) => n.name),
    addresses: config.node.flatMap((n) => [n.private, n.public]),
  });
  return { file: target, keyFile, keyCreated, text, warnings: problems, api: { ...api, certFile: files.cert, keyFile: files.key, tokenFile: files.token } };
}
