// What an alert is and what a channel does with it.
import type { AgentEvent } from '../../core/status.js';

export interface Alert {
  cluster: string;
  node: string;
  code: string;
  severity: AgentEvent['severity'];
  message: string;
  at: string;
  group?: string;
  link?: string;
  /** The catalogue's title for the code, in the cluster's language. */
  title?: string;
  /** A summary of alerts the throttle held back (sent when their window ends). */
  suppressed?: { count: number; windowS: number; last: string };
  /** `roseha alert test`. */
  test?: boolean;
  event?: AgentEvent;
}

export type ChannelName = 'email' | 'sound' | 'eventlog' | 'script';

export interface AlertChannel {
  readonly name: ChannelName;
  /** Throws on failure; the dispatcher logs it and goes on with the other channels. */
  send(alert: Alert): Promise<string>;
}

export interface ChannelResult {
  channel: ChannelName;
  ok: boolean;
  detail: string;
}

/** One line: what a subject, a sound's log line or an event log entry says. */
export function alertHeadline(a: Alert): string {
  const where = a.group ? ` [${a.group}]` : a.link ? ` [${a.link} link]` : '';
  if (a.suppressed) return `${a.node}: ${a.suppressed.count} more ${a.code}${where} alerts held back in ${a.suppressed.windowS} s`;
  return `${a.test ? 'TEST ' : ''}${a.node}: ${a.code}${where} ${a.message}`;
}

/** The full text (mail body, event log message, script's ROSEHA_ALERT_TEXT). */
export function alertText(a: Alert): string {
  const lines = [
    a.test ? 'This is a test alert sent by `roseha alert test`: every configured channel gets one.' : '',
    `Cluster: ${a.cluster}`,
    `Node:    ${a.node}`,
    ...(a.group ? [`Group:   ${a.group}`] : []),
    ...(a.link ? [`Link:    ${a.link}`] : []),
    `Code:    ${a.code}${a.title ? ` (${a.title})` : ''}`,
    `Level:   ${a.severity}`,
    `Time:    ${a.at}`,
    '',
    a.suppressed
      ? `${a.suppressed.count} more alerts with this code were held back within ${a.suppressed.windowS} s (alerts.throttle_s). The last one: ${a.suppressed.last}`
      : a.message,
    '',
    `Explanation and remedy: roseha explain ${a.code}`,
  ];
  return lines.filter((l, i) => i > 0 || l !== '').join('\n');
}
