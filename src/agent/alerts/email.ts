// Alerts by mail through nodemailer (Send-MailMessage is obsolete on Windows).
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type { Config } from '../../config/schema.js';
import { RosehaError } from '../../errors.js';
import { alertHeadline, alertText, type Alert, type AlertChannel } from './types.js';

export type EmailSettings = NonNullable<Config['alerts']['email']>;

export interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export function buildMail(s: Pick<EmailSettings, 'from' | 'to'>, a: Alert): Mail {
  const subject = `[roseha ${a.cluster}] ${alertHeadline(a)}`;
  // A subject line stays short and on one line, whatever the message holds.
  return { from: s.from, to: s.to, subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 200), text: alertText(a) };
}

/** password_file is resolved by the caller (relative to the config's folder). */
export function emailChannel(s: EmailSettings, passwordFile?: string): AlertChannel {
  const [host, port] = [s.smtp.slice(0, s.smtp.lastIndexOf(':')), Number(s.smtp.slice(s.smtp.lastIndexOf(':') + 1))];
  return {
    name: 'email',
    async send(a) {
      let pass: string | undefined;
      if (passwordFile) {
        try {
          pass = readFileSync(passwordFile, 'utf8').trim();
        } catch (err) {
          throw new RosehaError('RHA-W5225', `cannot read the SMTP password file ${passwordFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
        }
      }
      const transport = nodemailer.createTransport({
        host,
        port,
        secure: s.tls === 'tls',
        requireTLS: s.tls === 'starttls',
        ignoreTLS: s.tls === 'none',
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
        ...(s.user ? { auth: { user: s.user, pass: pass ?? '' } } : {}),
      });
      try {
        const info = await transport.sendMail(buildMail(s, a));
        return `sent to ${s.to.join(', ')} through ${s.smtp} (${info.messageId})`;
      } finally {
        transport.close();
      }
    },
  };
}
