import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { projectRoot } from '../runtimeMode';
import { TAB_FRAME_ANCESTORS } from './security';

/**
 * The tab's built files (dist/tab, from `npm run build:tab`; `npm start` builds them when
 * missing or stale) under /tab/. Hashed assets are cached for a year; the page itself is
 * revalidated every time, so a new build shows at once. The CSP lets Teams (and Outlook and
 * microsoft365.com, where Teams apps also run) frame the tab, and nothing else load code.
 * See docs/adr/0013.
 */
/** `PHC_TAB_DIR` serves another build (the benchmark's unsplit baseline). */
export const TAB_DIR = process.env.PHC_TAB_DIR ? path.resolve(process.env.PHC_TAB_DIR) : path.join(projectRoot(), 'dist/tab');

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Fluent UI writes its styles at run time (Griffel), hence 'unsafe-inline' for styles only. */
export const TAB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: https://res-1.cdn.office.net https://static2.sharepointonline.com",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${TAB_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const SECURITY = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };

/** What to answer for an address under /tab: status, headers and body (none for HEAD). */
export interface TabResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body?: Buffer | string;
}

/** The answer for GET/HEAD under /tab, or `undefined` for any other address. */
export function tabResponse(method: string, pathname: string, dir = TAB_DIR): TabResponse | undefined {
  if (pathname !== '/tab' && !pathname.startsWith('/tab/')) return undefined;
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, headers: { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }, body: 'Only GET and HEAD here.' };
  if (pathname === '/tab') return { status: 301, headers: { location: '/tab/' } };
  const rest = pathname.slice('/tab/'.length);
  if (rest.startsWith('assets/')) {
    const name = rest.slice('assets/'.length);
    // Only plain file names: no "..", no sub-folders, so nothing outside dist/tab/assets.
    if (!/^[\w.-]+$/.test(name) || name.includes('..')) return notFound();
    return fileResponse(method, path.join(dir, 'assets', name), 'public, max-age=31536000, immutable');
  }
  // Every other address under /tab/ is a page of the app (/tab/, /tab/dashboard, /tab/surveys).
  if (/\.[a-z0-9]+$/i.test(rest)) return notFound();
  return fileResponse(method, path.join(dir, 'index.html'), 'no-cache');
}

/** Serves GET/HEAD under /tab on Node's own response; returns false for any other address. */
export function serveTab(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, dir = TAB_DIR): boolean {
  const answer = tabResponse(req.method ?? 'GET', pathname, dir);
  if (!answer) return false;
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
  return true;
}

function fileResponse(method: string, file: string, cache: string): TabResponse {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    if (file.endsWith('index.html')) {
      return {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        body: 'The tab has not been built yet. Run "npm run build:tab" (npm start does it for you), then reload.',
      };
    }
    return notFound();
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  return {
    status: 200,
    headers: { 'content-type': type, 'content-length': body.length, 'cache-control': cache, 'content-security-policy': TAB_CSP, ...SECURITY },
    ...(method === 'HEAD' ? {} : { body }),
  };
}

function notFound(): TabResponse {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: 'Nothing here.' };
}
