// Public network health: does the gateway answer? ICMP through the OS's ping (via the Runner), or a
// TCP connect to a port that must accept. A probe reports ({status, output}, like a Consul check);
// the core decides what a failing gateway means.
import { connect } from 'node:net';
import { isIPv4 } from 'node:net';
import type { Runner } from '../platform/types.js';

export type GatewayMode = { kind: 'icmp' } | { kind: 'tcp'; port: number } | { kind: 'none' };

export interface GatewayCheckOptions {
  /** An IPv4 address (config: heartbeat.gateway). Undefined with mode none. */
  gateway: string | undefined;
  mode: GatewayMode | 'icmp' | 'none' | `tcp:${number}`;
  timeoutMs: number;
  platform?: NodeJS.Platform;
  /** Run ping inside this Linux network namespace (the lab). */
  netns?: string;
}

export interface GatewayCheckResult {
  /** passing: the gateway answered; critical: it did not; skipped: no check configured. */
  status: 'passing' | 'critical' | 'skipped';
  /** false only when critical: "skipped" counts as healthy (nothing says otherwise). */
  ok: boolean;
  /** One short line for status and logs; never parsed by roseha. */
  output: string;
  durationMs: number;
}

export function parseGatewayMode(text: string): GatewayMode {
  if (text === 'icmp') return { kind: 'icmp' };
  if (text === 'none') return { kind: 'none' };
  const m = /^tcp:(\d{1,5})$/.exec(text);
  const port = m ? Number(m[1]) : NaN;
  if (port >= 1 && port <= 65535) return { kind: 'tcp', port };
  throw new RangeError(`gateway check "${text}": expected "icmp", "tcp:PORT" or "none"`);
}

/** The ping argv for one echo request within timeoutMs (exported for dry-run and golden tests). */
export function pingCommand(gateway: string, timeoutMs: number, platform: NodeJS.Platform): { file: string; args: string[] } {
  if (platform === 'win32') return { file: 'ping', args: ['-n', '1', '-w', String(Math.max(1, Math.round(timeoutMs))), gateway] };
  // Linux iputils: -W is whole seconds.
  return { file: 'ping', args: ['-c', '1', '-W', String(Math.max(1, Math.ceil(timeoutMs / 1000))), '-n', gateway] };
}

export async function checkGateway(runner: Runner, opts: GatewayCheckOptions): Promise<GatewayCheckResult> {
  const started = Date.now();
  const done = (status: GatewayCheckResult['status'], output: string): GatewayCheckResult => ({
    status,
    ok: status !== 'critical',
    output: firstLine(output),
    durationMs: Date.now() - started,
  });
  let mode: GatewayMode;
  try {
    mode = typeof opts.mode === 'string' ? parseGatewayMode(opts.mode) : opts.mode;
  } catch (err) {
    return done('critical', (err as Error).message);
  }
  if (mode.kind === 'none') return done('skipped', 'no gateway check configured');
  // The address goes into an argv; refusing anything but an IPv4 address also keeps "-f" and the like out.
  if (!opts.gateway || !isIPv4(opts.gateway)) return done('critical', `no valid gateway address to check (${opts.gateway ?? 'none set'})`);
  if (mode.kind === 'tcp') return done(...(await tcpProbe(opts.gateway, mode.port, opts.timeoutMs)));

  const platform = opts.platform ?? process.platform;
  const cmd = pingCommand(opts.gateway, opts.timeoutMs, platform);
  try {
    const r = await runner.run({ ...cmd, timeoutMs: opts.timeoutMs + 1000, ...(opts.netns ? { netns: opts.netns } : {}) });
    const text = `${r.stdout}\n${r.stderr}`.trim();
    if (r.timedOut) return done('critical', `ping ${opts.gateway}: no answer within ${opts.timeoutMs} ms`);
    // Windows ping exits 0 when a router answers "Destination host unreachable": only a reply
    // carrying a TTL is an answer from the gateway (unverified on Windows).
    const answered = r.exitCode === 0 && (platform !== 'win32' || /TTL=/i.test(r.stdout));
    if (answered) return done('passing', replyLine(text) ?? `ping ${opts.gateway}: reply`);
    return done('critical', `ping ${opts.gateway}: ${replyLine(text) ?? `exit code ${r.exitCode}`}`);
  } catch (err) {
    return done('critical', `ping ${opts.gateway} could not run: ${(err as Error).message}`);
  }
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<['passing' | 'critical', string]> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (r: ['passing' | 'critical', string]) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => finish(['critical', `tcp ${host}:${port}: no answer within ${timeoutMs} ms`]), timeoutMs);
    socket.once('connect', () => finish(['passing', `tcp ${host}:${port}: connected`]));
    socket.once('error', (err: NodeJS.ErrnoException) => finish(['critical', `tcp ${host}:${port}: ${err.code ?? err.message}`]));
  });
}

/** The line of ping's output that says what happened (the reply, or why there was none). */
function replyLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /bytes from|TTL=|unreachable|timed out|100% packet loss|not known|failure/i.test(l)) ?? lines[0];
}

function firstLine(s: string): string {
  const line = (s.split(/\r?\n/)[0] ?? '').trim();
  return line.length > 200 ? line.slice(0, 200) + '…' : line;
}
