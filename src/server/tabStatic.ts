import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import { projectRoot } from '../runtimeMode';

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

const FRAME_ANCESTORS = ["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.teams.microsoft.us', 'https://*.office.com', 'https://outlook.office.com', 'https://*.microsoft365.com', 'https://*.cloud.microsoft', 'https://*.skype.com'];

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
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const SECURITY = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };

/** Serves GET/HEAD under /tab; returns false for any other address. */
export function serveTab(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, dir = TAB_DIR): boolean {
  if (pathname !== '/tab' && !pathname.startsWith('/tab/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Only GET and HEAD here.');
    return true;
  }
  if (pathname === '/tab') {
    res.writeHead(301, { location: '/tab/' });
    res.end();
    return true;
  }
  const rest = pathname.slice('/tab/'.length);
  if (rest.startsWith('assets/')) {
    const name = rest.slice('assets/'.length);
    // Only plain file names: no "..", no sub-folders, so nothing outside dist/tab/assets.
    if (!/^[\w.-]+$/.test(name) || name.includes('..')) return notFound(res);
    return sendFile(req, res, path.join(dir, 'assets', name), 'public, max-age=31536000, immutable');
  }
  // Every other address under /tab/ is a page of the app (/tab/, /tab/dashboard, /tab/surveys).
  if (/\.[a-z0-9]+$/i.test(rest)) return notFound(res);
  return sendFile(req, res, path.join(dir, 'index.html'), 'no-cache');
}

function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, cache: string): boolean {
  let body: Buffer;
  try {
    body = fs.readFileSync(file);
  } catch {
    if (file.endsWith('index.html')) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('The tab has not been built yet. Run "npm run build:tab" (npm start does it for you), then reload.');
      return true;
    }
    return notFound(res);
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': cache, 'content-security-policy': TAB_CSP, ...SECURITY });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

function notFound(res: http.ServerResponse): boolean {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Nothing here.');
  return true;
}
