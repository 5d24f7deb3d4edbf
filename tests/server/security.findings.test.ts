import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { allAuditTasks } from '../../src/ports/audits';
import type { UserId } from '../../src/domain/shared/brand';
import { runCli } from '../../src/cli/run';
import { startServer } from '../support/appServer';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connectorStandIn';
import { TestClock } from '../fixtures/testClock';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * The server as an attacker on the network or on this machine would try it: each finding of
 * the review is one test here. The bot runs in local mode (no app id), as on a laptop with
 * the Agents Playground; the tab in local mode (personas, loopback only).
 */

/** An address of this machine that is not loopback, so a request from it is "from elsewhere". */
function otherAddress(): string {
  const found = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i !== undefined && !i.internal && i.family === 'IPv4');
  if (!found) throw new Error('This machine has no network address besides loopback: the test needs one to come from elsewhere.');
  return found.address;
}

function activity(world: ApiWorld, serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: 'm1',
    text: 'audits',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:someone', aadObjectId: world.who.psw.id },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:someone' },
    ...overrides,
  };
}

/** A request as any client may send it (fetch refuses a GET with a body): the status, or the error if the connection failed. */
function raw(method: string, url: string, headers: Record<string, string>, body: string | Buffer): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(url, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error) => resolve(error.message));
    req.end(body);
  });
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body), signal: AbortSignal.timeout(15_000) });

describe('the bot with no app id (local mode)', () => {
  let world: ApiWorld;
  let connector: ConnectorStandIn;

  beforeAll(async () => {
    world = await openApiWorld({ host: '0.0.0.0' });
    connector = await startConnectorStandIn({ keepActivities: true });
  });
  afterAll(async () => {
    await connector.close();
    await world.close();
  });
  beforeEach(() => connector.reset());

  it('answers this machine only: a request from another address is refused and nothing is stored or sent', async () => {
    const from = `http://${otherAddress()}:${new URL(world.botUrl).port}/api/messages`;
    const res = await post(from, activity(world, connector.serviceUrl));
    expect(res.status).toBe(403);
    expect(await world.conversations.get(world.who.psw.id as UserId)).toBeUndefined();
    expect(connector.stats.requests).toBe(0);
  });

  it('replies only to a serviceUrl on this machine', async () => {
    for (const serviceUrl of [`http://${otherAddress()}:9/`, 'https://smba.trafficmanager.net/uk/', 'file:///etc/passwd', '']) {
      const res = await post(world.botUrl, activity(world, serviceUrl));
      expect([serviceUrl, res.status]).toEqual([serviceUrl, 400]);
      expect(await res.text()).not.toMatch(/Error|at \w+ \(|stack/);
    }
    expect(await world.conversations.get(world.who.psw.id as UserId)).toBeUndefined();
  });

  it('stores a conversation reference only for a user id that could be a person', async () => {
    for (const id of ['__proto__', '../demo-001', 'x'.repeat(5000), 'constructor', ' demo-001', 'demo-001\n']) {
      const res = await post(world.botUrl, activity(world, connector.serviceUrl, { from: { id, aadObjectId: id } }));
      expect([id.slice(0, 20), res.status]).toEqual([id.slice(0, 20), 400]);
      expect(await world.conversations.get(id as UserId)).toBeUndefined();
    }
    expect(connector.stats.requests).toBe(0);
  });

  it('refuses a structurally broken activity with 400 in plain words, never internal text', async () => {
    const broken: Record<string, unknown>[] = [
      activity(world, connector.serviceUrl, { recipient: { id: 5 } }),
      activity(world, connector.serviceUrl, { conversation: 'a:x' }),
      activity(world, connector.serviceUrl, { from: null }),
      activity(world, connector.serviceUrl, { type: 7 }),
      activity(world, connector.serviceUrl, { text: { trim: 1 } }),
    ];
    for (const body of broken) {
      const res = await post(world.botUrl, body);
      const text = await res.text();
      expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      expect(text).not.toMatch(/must be of type|is not a function|TypeError|undefined|activity\./);
      expect((JSON.parse(text) as { error: string }).error).toMatch(/^[A-Z][^{}<>]+\.$/);
    }
    expect(connector.stats.requests).toBe(0);
  });

  it('does not fail a turn on a text that is not words', async () => {
    const res = await post(world.botUrl, activity(world, connector.serviceUrl, { text: 42, from: { id: '29:staff', aadObjectId: world.who.staff.id } }));
    expect([200, 400]).toContain(res.status);
    const sent = [...connector.received.values()].flat().map((r) => JSON.stringify(r.activity ?? r.summary));
    expect(sent.join('\n')).not.toMatch(/something went wrong/);
  });

  it('gives up on a serviceUrl that never answers within a few seconds', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const started = Date.now();
      const res = await post(world.botUrl, activity(world, `http://127.0.0.1:${port}/`, { from: { id: '29:staff', aadObjectId: world.who.staff.id } }));
      expect(res.status).toBeLessThan(500);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      silent.close();
    }
  }, 20_000);

  it('gives up on a serviceUrl on this machine that refuses the connection within a few seconds', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const started = Date.now();
    const res = await post(world.botUrl, activity(world, `http://127.0.0.1:${port}/`, { from: { id: '29:staff', aadObjectId: world.who.staff.id } }));
    expect(res.status).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(7_000);
  }, 20_000);

  it('answers a body over the limit with 413, not a reset connection', async () => {
    const huge = JSON.stringify(activity(world, connector.serviceUrl, { text: 'x'.repeat(2 * 1024 * 1024) }));
    expect(await raw('POST', world.botUrl, { 'content-type': 'application/json' }, huge)).toBe(413);
  });
});

describe('the server from a browser', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('sends a CSP, nosniff, a referrer policy and frame-ancestors on every response', async () => {
    const pages: [string, Record<string, string>][] = [
      ['/', {}],
      ['/healthz', {}],
      ['/nowhere', {}],
      ['/api/me', {}],
      ['/api/me', { 'x-phc-persona': world.who.psw.id }],
      [`/report/quarterly?quarter=2026-Q3&persona=${world.who.psw.id}`, {}],
      ['/report/quarterly', {}],
    ];
    for (const [page, headers] of pages) {
      const res = await fetch(world.base + page, { headers });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect([page, res.headers.get('x-content-type-options')]).toEqual([page, 'nosniff']);
      expect([page, res.headers.get('referrer-policy')]).toEqual([page, expect.stringMatching(/^(no-referrer|same-origin|strict-origin-when-cross-origin)$/)]);
      expect([page, csp]).toEqual([page, expect.stringContaining("default-src 'none'")]);
      expect([page, csp]).toEqual([page, expect.stringContaining("frame-ancestors 'none'")]);
    }
    const tab = await fetch(`${world.base}/tab/`);
    expect(tab.headers.get('content-security-policy')).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    expect(tab.headers.get('x-content-type-options')).toBe('nosniff');
    expect(tab.headers.get('referrer-policy')).not.toBeNull();
  });

  it('refuses a GET with a large body with 413, whatever the method', async () => {
    const big = 'x'.repeat(20 * 1024 * 1024);
    for (const method of ['GET', 'DELETE', 'POST']) {
      expect([method, await raw(method, `${world.base}/api/me`, { 'x-phc-persona': world.who.psw.id, 'content-type': 'application/json' }, big)]).toEqual([method, 413]);
    }
  });

  it('refuses a practitioner an audit they may not see the same way whether or not it exists', async () => {
    const tasks = await allAuditTasks(world.audits, 2026);
    const noForm = tasks.find((t) => t.form === null);
    if (!noForm) throw new Error('the demo plan has no audit without a form');
    const real = await call(world, world.who.staff, 'GET', `/api/audits/task?id=${encodeURIComponent(noForm.id)}`);
    const madeUp = await call(world, world.who.staff, 'GET', `/api/audits/task?id=${encodeURIComponent('2026/caseload-workload-audit/team:nowhere/9')}`);
    expect([real.status, real.body]).toEqual([madeUp.status, madeUp.body]);
    expect(real.status).toBe(403);
  });

  it('limits how fast one person may ask, with 429 and Retry-After', async () => {
    const results: Response[] = [];
    for (let i = 0; i < 10; i++) {
      results.push(...(await Promise.all(Array.from({ length: 50 }, () => fetch(`${world.base}/api/me`, { headers: { 'x-phc-persona': world.who.staff.id } })))));
    }
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(100);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Somebody else is not held up by it.
    expect((await call(world, world.who.psw, 'GET', '/api/me')).status).toBe(200);
  });
});

describe("the server's log", () => {
  const logs: string[] = [];
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld({ logs });
  });
  afterAll(() => world.close());

  it('is one JSON object a line with a request id, and never holds answers, free text or names', async () => {
    const words = 'Nobody listens to us in the Tuesday meeting';
    await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/draft', { answers: { role: 'social-worker', 'anything-else': words }, sectionIndex: 0 });
    await call(world, world.who.teamManager, 'POST', '/api/actions', { what: words, ownerId: world.who.teamManager.id, due: '2027-06-30', link: { kind: 'none' } });
    await call(world, world.who.staff, 'GET', '/api/nothing-here');
    await fetch(world.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: words, from: 5 }) });
    expect(logs.length).toBeGreaterThanOrEqual(4);
    const lines = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => typeof l.reqId === 'string' && l.reqId !== '');
    expect(requests.length).toBeGreaterThanOrEqual(4);
    const all = logs.join('\n');
    expect(all).not.toContain(words);
    expect(all).not.toContain('social-worker');
    for (const p of [world.who.staff, world.who.teamManager]) expect(all).not.toContain(p.displayName);
  });
});

describe('starting the server', () => {
  it('refuses to start with the tab signing in through Teams and a bot that trusts anyone, and says what to set', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-start-'));
    const started = startServer(dir, { PHC_TAB_CLIENT_ID: '99999999-8888-7777-6666-555555555555', PHC_DEMO_AUDITS: 'off' });
    const outcome = await started.then(
      async (server) => {
        await server.stop();
        return 'started';
      },
      (error: unknown) => (error as Error).message,
    );
    expect(outcome).toMatch(/MicrosoftAppId/);
    expect(outcome).toMatch(/PHC_BOT_LOCAL/);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

describe('phc responses import', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-import-strict-'));
  const phc = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(
      argv,
      { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), env: { PHC_DATA_DIR: path.join(dir, 'data') }, cwd: dir },
      new TestClock(new Date('2027-01-11T10:00:00Z')),
    );
    return { code, out, err };
  };
  const header = 'role,team,role,submitted_on';

  beforeAll(async () => {
    expect((await phc('cycle', 'open', '2026-27', '--closes', '2027-03-31')).code).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a duplicated column, naming its line and column', async () => {
    fs.writeFileSync(path.join(dir, 'dup.csv'), `${header}\nsocial-worker,hospital,occupational-therapist,2027-01-11\n`);
    const result = await phc('responses', 'import', 'dup.csv', '--cycle', '2026-27');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/line 1, column 3.*"role".*more than once/i);
  });

  it('refuses bytes that are not UTF-8, naming their line and column', async () => {
    const bytes = Buffer.concat([Buffer.from('role,team\nsocial-worker,hosp'), Buffer.from([0xe9]), Buffer.from('tal\n')]);
    fs.writeFileSync(path.join(dir, 'latin1.csv'), bytes);
    const result = await phc('responses', 'import', 'latin1.csv', '--cycle', '2026-27');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/line 2, column 19.*UTF-8/i);
  });

  it('refuses submitted_on dates outside the cycle, all or nothing', async () => {
    const row = (date: string) => `social-worker,${date}`;
    fs.writeFileSync(path.join(dir, 'dates.csv'), `role,submitted_on\n${row('2099-01-01')}\n${row('1970-01-01')}\n`);
    const result = await phc('responses', 'import', 'dates.csv', '--cycle', '2026-27', '--dry-run');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/line 2, column 2 \(submitted_on\).*2099-01-01.*outside/);
    expect(result.err).toMatch(/line 3, column 2 \(submitted_on\).*1970-01-01.*outside/);
  });
});
