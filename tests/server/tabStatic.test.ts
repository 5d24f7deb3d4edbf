import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveTab, TAB_CSP } from '../../src/server/tabStatic';

describe("the tab's built files under /tab/", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-tab-static-'));
  const missing = path.join(dir, 'not-built');
  let server: http.Server;
  let base = '';

  beforeAll(async () => {
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>tab</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.css'), 'body{}');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the web');
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const useDir = url.searchParams.has('unbuilt') ? missing : dir;
      if (!serveTab(req, res, url.pathname, useDir)) {
        res.writeHead(418);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at every path of the app, revalidated each time, with a CSP Teams can frame', async () => {
    for (const p of ['/tab/', '/tab/dashboard', '/tab/surveys']) {
      const res = await fetch(base + p);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(TAB_CSP);
      expect(await res.text()).toContain('<title>tab</title>');
    }
    expect(TAB_CSP).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com [^;]*https:\/\/\*\.teams\.microsoft\.com[^;]*https:\/\/\*\.office\.com/);
    expect(TAB_CSP).toContain("script-src 'self'");
  });

  it('caches hashed assets for a year with the right content types', async () => {
    const js = await fetch(`${base}/tab/assets/index-abc123.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/tab/assets/index-abc123.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('serves nothing outside the build, and nothing that is not there', async () => {
    for (const p of ['/tab/assets/..%2Fsecret.txt', '/tab/assets/../secret.txt', '/tab/secret.txt', '/tab/assets/nope.js']) {
      const res = await fetch(base + p);
      expect([404, 418]).toContain(res.status);
      expect(await res.text()).not.toContain('not for the web');
    }
    expect((await fetch(`${base}/elsewhere`)).status).toBe(418);
  });

  it('redirects /tab to /tab/, refuses writes, and says how to build a missing tab', async () => {
    const redirect = await fetch(`${base}/tab`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/tab/');
    expect((await fetch(`${base}/tab/`, { method: 'POST' })).status).toBe(405);
    const unbuilt = await fetch(`${base}/tab/?unbuilt`);
    expect(unbuilt.status).toBe(503);
    expect(await unbuilt.text()).toContain('npm run build:tab');
  });
});
