// The web console as an extra handler of the API server: the page and its assets (no data, served
// without the token: a browser cannot send a bearer header when it navigates), the two data routes
// the page needs (behind the token), and CORS so that the page can talk to the other node's API
// when its own node goes down. CORS grants nothing here: the API authenticates by a bearer token
// only (no cookies), which another site's page does not have.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EffectiveConfig } from '../config/load.js';
import { appJs } from './assets/app-js.js';
import { styleCss } from './assets/style-css.js';
import { viewJs } from './assets/view-js.js';
import { pageHtml } from './page.js';
import { consoleStrings } from './strings.js';

export interface ConsoleHandlerOptions {
  config: Pick<EffectiveConfig, 'cluster' | 'node' | 'api'>;
  self: string;
}

/** What the page needs to find the other node: each node's API origins, public address first. */
export interface ConsoleConfig {
  cluster: string;
  self: string;
  nodes: Array<{ name: string; origins: string[] }>;
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

// No inline script or style: the page's code comes from /console/*.js only. connect-src is open to
// any http(s) origin because the other node's address is only known after sign-in.
const contentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https: http:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const assets: Record<string, { type: string; body: string }> = {
  '/console/style.css': { type: 'text/css; charset=utf-8', body: styleCss },
  '/console/view.js': { type: 'text/javascript; charset=utf-8', body: viewJs },
  '/console/app.js': { type: 'text/javascript; charset=utf-8', body: appJs },
  '/console/strings.js': { type: 'text/javascript; charset=utf-8', body: `window.RosehaStrings = ${JSON.stringify(consoleStrings)};\n` },
};

const codePattern = /^RHA-[EWI]\d{4}$/;
const maxCodes = 64;

function reply(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...securityHeaders, ...extra });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

const json = (req: IncomingMessage, res: ServerResponse, status: number, body: unknown) => reply(req, res, status, 'application/json; charset=utf-8', JSON.stringify(body));

const hostPart = (address: string) => (address.includes(':') ? `[${address}]` : address);

export function consoleConfig(opts: ConsoleHandlerOptions, scheme: 'http' | 'https'): ConsoleConfig {
  return {
    cluster: opts.config.cluster.name,
    self: opts.self,
    nodes: opts.config.node.map((n) => ({
      name: n.name,
      origins: [...new Set([n.public, n.private])].map((a) => `${scheme}://${hostPart(a)}:${opts.config.api.port}`),
    })),
  };
}

/** The entries for the asked codes (unknown ones left out), both languages: the page switches without asking again. */
export async function catalogueSubset(codesParam: string | null): Promise<{ entries: Array<{ code: string; en: unknown; zh: unknown }> } | { error: { code: string; message: string } }> {
  const codes = [...new Set((codesParam ?? '').split(',').map((c) => c.trim().toUpperCase()).filter(Boolean))];
  if (codes.length > maxCodes || codes.some((c) => !codePattern.test(c))) {
    return { error: { code: 'RHA-E6001', message: `codes must be up to ${maxCodes} codes such as RHA-E1001, separated by commas` } };
  }
  const { lookupCode } = await import('../i18n/catalogue/index.js');
  const entries = codes.flatMap((c) => {
    const e = lookupCode(c);
    return e ? [{ code: e.code, en: e.en, zh: e.zh }] : [];
  });
  return { entries };
}

/** An `extraHandler` for ApiServer. */
export function createConsoleHandler(opts: ConsoleHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, authorized: boolean): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://roseha');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const read = method === 'GET' || method === 'HEAD';

    if (path.startsWith('/v1/')) {
      const origin = req.headers.origin;
      if (origin) {
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'Origin');
      }
      if (method === 'OPTIONS') {
        return reply(req, res, 204, 'text/plain', '', {
          'access-control-allow-methods': 'GET, POST, PUT',
          'access-control-allow-headers': 'authorization, content-type, last-event-id',
          'access-control-max-age': '600',
        });
      }
      if (path === '/v1/console-config' && read) {
        if (!authorized) return false;
        const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
        return json(req, res, 200, consoleConfig(opts, scheme));
      }
      if (path === '/v1/catalogue' && read) {
        if (!authorized) return false;
        const subset = await catalogueSubset(url.searchParams.get('codes'));
        return json(req, res, 'error' in subset ? 400 : 200, subset);
      }
      return false;
    }

    if (!read) return false;
    if (path === '/' || path === '/console' || path === '/console/') {
      return reply(req, res, 200, 'text/html; charset=utf-8', pageHtml, { 'content-security-policy': contentSecurityPolicy });
    }
    const asset = assets[path];
    if (asset) return reply(req, res, 200, asset.type, asset.body);
    // Browsers ask for it on their own; answered here so that it is not logged as a refused API call.
    if (path === '/favicon.ico') return reply(req, res, 404, 'text/plain', '');
    return false;
  };
}
