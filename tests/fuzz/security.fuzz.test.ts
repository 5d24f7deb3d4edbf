import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { UserFacingError } from '../../src/app/errors';
import { decodeUtf8 } from '../../src/cli/inputFile';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { allAuditTasks } from '../../src/ports/audits';
import { openApiWorld, type ApiWorld } from '../server/apiWorld';

/**
 * Bad input, thousands of times, from a seeded generator (PHC_FUZZ_SEED to replay another run):
 * activities to the bot, requests to the API, files to the import. Every answer must be a
 * refusal in words (never a 5xx), no turn may fail, nothing may be left unhandled, and the
 * store must be exactly as it was. Each request carries at least one part that is certainly
 * wrong (a field of the wrong kind, an id that is nobody's, a body that is not an object…),
 * so that nothing in it could rightly be stored.
 */
const SEED = Number(process.env.PHC_FUZZ_SEED ?? 20270111);
const COUNTS = { bot: 3_500, cardData: 400, api: 5_000, imports: 1_600 };

/** mulberry32: small, fast and the same on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  return { next, int, pick };
}
type Gen = ReturnType<typeof generator>;

const NASTY_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  '../demo-001',
  '..%2F..%2Fetc%2Fpasswd',
  '%00',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '😀'.repeat(50),
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  "'; DROP TABLE conversations; --",
  "=cmd|' /C calc'!A0",
  '${jndi:ldap://x}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  'demo-001\n',
  ' demo-001',
  'DEMO-001',
  'http://127.0.0.1:1/',
  'javascript:alert(1)',
  '\r\nX-Injected: 1',
  'a'.repeat(257),
];

function junkString(g: Gen): string {
  if (g.next() < 0.5) return g.pick(NASTY_STRINGS);
  const length = g.pick([0, 1, 3, 10, 40, 300]);
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(g.pick([g.int(128), g.int(0x3000), 0xd800 + g.int(0x800), 0x202e, 0xfeff]));
  return s;
}

function junkValue(g: Gen, depth = 0): unknown {
  const kind = g.int(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return g.pick([true, false]);
    case 2:
      return g.pick([0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2026, 7]);
    case 3:
    case 4:
    case 5:
      return junkString(g);
    case 6:
      return Array.from({ length: g.int(5) }, () => junkValue(g, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = g.int(5); i > 0; i--)
        o[g.next() < 0.3 ? g.pick(['__proto__', 'constructor', 'id', 'verb', 'action', 'answers', 'cycleId', 'taskId', 'part', 'value', 'sectionIndex']) : junkString(g).slice(0, 20)] = junkValue(
          g,
          depth + 1,
        );
      return o;
    }
  }
}

/** A wrong value for a field: another kind, or a nasty string where an object belongs. */
const wrongKind = (g: Gen): unknown => g.pick<unknown>([5, -1, true, null, [], [1, 2], {}, { id: 5 }, junkString(g), { id: ['x'] }, Number.MAX_VALUE]);

/** How each generated activity is certainly wrong (one or more of these). */
const BREAKS: readonly ((a: Record<string, unknown>, g: Gen) => void)[] = [
  (a, g) => (a.type = wrongKind(g)),
  (a, g) =>
    (a.serviceUrl = g.pick<unknown>([
      '',
      'https://attacker.example/',
      'ftp://127.0.0.1/',
      'http://user:pw@127.0.0.1/',
      'http://192.0.2.1/',
      'file:///etc/passwd',
      'javascript:1',
      5,
      null,
      'http://[::ffff:10.0.0.1]/',
      'http://127.0.0.1.attacker.example/',
    ])),
  (a, g) => (a.from = g.next() < 0.5 ? wrongKind(g) : { id: g.pick(NASTY_STRINGS.filter((s) => !/^[A-Za-z0-9][A-Za-z0-9:._@-]{0,255}$/.test(s) || s === 'constructor')) }),
  (a, g) => (a.from = { id: '29:x', aadObjectId: g.pick(['__proto__', '../demo-001', 'x'.repeat(5000), ' demo-001', 'demo-001\n', 'constructor', '', 'a/b', 'a..b']) }),
  (a, g) => (a.recipient = wrongKind(g)),
  (a, g) => (a.conversation = g.pick<unknown>(['a:x', 5, null, { id: 5 }, { id: 'a:x', isGroup: 'yes' }, { name: 'no id' }])),
  (a, g) => (a.channelId = wrongKind(g)),
  (a, g) => (a.text = g.pick<unknown>([5, true, {}, [], { trim: 1 }, ['audits']])),
  (a, g) => (a.value = g.pick<unknown>([5, 'submit', true, [], [{ verb: 'x' }]])),
  (a, g) => (a.membersAdded = g.pick<unknown>(['everyone', [5], [{ id: '__proto__' }], [{ id: 7 }], [{}]])),
  (a, g) => (a.attachments = g.pick<unknown>(['x', [5], [{ content: 1 }], [{ contentType: 7 }]])),
  (a, g) => (a.entities = g.pick<unknown>(['x', [5], [{ type: 7 }]])),
  (a, g) => (a.channelData = g.pick<unknown>(['x', 5, [1]])),
  (a) => delete a.serviceUrl,
  (a) => delete a.from,
  (a) => delete a.conversation,
  (a) => delete a.type,
];

function activityBody(g: Gen, serviceUrl: string, userId: string): { body: string; contentType: string } {
  const a: Record<string, unknown> = {
    type: g.pick(['message', 'conversationUpdate', 'invoke', 'messageReaction', junkString(g)]),
    id: 'f1',
    text: g.pick(['audits', 'survey', 'help', 'supervision', '39 steps', junkString(g)]),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${userId}`, aadObjectId: userId },
    recipient: { id: '28:bot' },
    conversation: { id: `a:${userId}` },
  };
  for (let i = 1 + g.int(3); i > 0; i--) g.pick(BREAKS)(a, g);
  const roll = g.next();
  if (roll < 0.05) return { body: '{"type":"message",', contentType: 'application/json' };
  if (roll < 0.08) return { body: JSON.stringify([a]), contentType: 'application/json' };
  if (roll < 0.1) return { body: JSON.stringify(a), contentType: g.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) };
  return { body: JSON.stringify(a), contentType: 'application/json' };
}

interface ApiCase {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** Percent-encoded, or (a lone surrogate cannot be) an encoding that is itself broken. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%E0%A4%A';
  }
}

/** Values that are nobody's and nothing's: an id here never names a real record. */
const junkSegment = (g: Gen): string => encode(g.pick(['nope', '2099-00', '..', '%', 'x'.repeat(300), '__proto__', '1 OR 1=1', '2026-27x', '-1', '😀', ';', 'null'])).replace(/%25$/, '%');

function apiCase(g: Gen, world: ApiWorld, fakeTask: string): ApiCase {
  const persona = g.pick([world.who.staff.id, world.who.supervisor.id, world.who.teamManager.id, world.who.psw.id, world.who.admin.id, world.dpo.id, '__proto__', '', 'nobody-999', junkString(g)]);
  const headers: Record<string, string> = {};
  const who = g.next();
  if (who < 0.8) headers['x-phc-persona'] = persona.replace(/[^\x20-\x7e]/g, '?');
  else if (who < 0.9) headers.authorization = g.pick(['Bearer a.b.c', 'Bearer ', 'Basic abc', `Bearer ${'x'.repeat(4000)}`, 'Bearer e30.e30.']);
  if (g.next() < 0.1) headers['x-forwarded-for'] = '203.0.113.9';
  const seg = () => junkSegment(g);
  const q = () => (g.next() < 0.5 ? `?${g.pick(['by', 'year', 'q', 'limit', 'question', 'id', 'from', 'to', 'quarter', 'persona'])}=${encode(junkString(g).slice(0, 400))}` : '');
  const reads = [
    '/api/me',
    '/api/people',
    '/api/personas',
    '/api/auth/mode',
    '/api/health-check/cycles',
    `/api/health-check/cycles/${seg()}/results`,
    '/api/health-check/cycles/2025-26/results',
    '/api/health-check/cycles/2024-25/changes',
    `/api/health-check/cycles/${seg()}/response-rate`,
    '/api/health-check/trends',
    '/api/audits/compliance',
    '/api/audits/due',
    '/api/audits/mine',
    `/api/audits/task?id=${encodeURIComponent(fakeTask)}`,
    `/api/audits/task?id=${seg()}`,
    '/api/supervision/frequency',
    '/api/surveys/open',
    '/api/actions',
    `/api/actions/${seg()}`,
    '/api/caseloads',
    '/api/org-data',
    `/api/org-data/teams/${seg()}`,
    '/api/standards',
    '/api/report/quarterly',
    '/report/quarterly',
    // The rest of the framework and the PSW's admin.
    '/api/framework/focus-groups',
    `/api/framework/focus-groups/${seg()}`,
    '/api/framework/reviews',
    `/api/framework/reviews/${seg()}`,
    '/api/framework/self-assessments',
    '/api/admin',
    '/api/admin/audit-plan',
    '/api/admin/quality-themes',
    '/api/home',
    '/api/health-check/questions',
    `/api/health-check/cycles/${seg()}/response-rate/growth`,
    '/api/health-check/cycles/2026-27/response-rate/growth',
    `/api/${seg()}`,
    `/${seg()}`,
    '/tab/assets/..%2F..%2Fpackage.json',
    `/tab/${seg()}`,
    '/',
    '/healthz',
    '/api/messages',
    '/api/questionnaires',
    '/api/questionnaires/bank',
    `/api/questionnaires/${seg()}`,
    '/api/questionnaires/template-supervision',
    `/api/cycles/${seg()}`,
    '/api/cycles/2026-27',
    '/api/cycles/audiences',
    `/api/cycles/${seg()}/preview`,
    '/api/privacy',
    '/api/data-protection/retention',
    '/api/data-protection/access-log',
    '/api/data-protection/access-log.csv',
    `/api/data-protection/people/${seg()}/export`,
  ];
  // Writes: the body is junk (not an object, not JSON, too big, the wrong type) or the address names nothing.
  const writes: [string, string, boolean][] = [
    ['POST', '/api/health-check/cycles', true],
    ['POST', `/api/health-check/cycles/${seg()}/close`, false],
    ...(['draft', 'submit', 'amend', 'subject', 'sign-off'] as const).map((s): [string, string, boolean] => [
      'POST',
      `/api/audits/task/${s}?id=${g.next() < 0.5 ? encodeURIComponent(fakeTask) : seg()}`,
      false,
    ]),
    ['POST', `/api/surveys/${seg()}/draft`, false],
    ['POST', `/api/surveys/${seg()}/submit`, false],
    ['POST', '/api/actions/you-said-we-did', true],
    ['POST', '/api/actions', true],
    ['PATCH', `/api/actions/${seg()}`, false],
    ['DELETE', `/api/actions/${seg()}`, false],
    ['POST', '/api/caseloads/returns', true],
    ['POST', '/api/org-data/returns', true],
    ['POST', `/api/standards/${seg()}/mapping`, false],
    // The rest of the framework and the PSW's admin.
    ['POST', '/api/framework/focus-groups', true],
    ['PATCH', `/api/framework/focus-groups/${seg()}`, false],
    ...(['invitations', 'cancel', 'notes'] as const).map((s): [string, string, boolean] => ['POST', `/api/framework/focus-groups/${seg()}/${s}`, false]),
    ['POST', `/api/framework/focus-groups/${seg()}/themes/${seg()}/action`, false],
    ['POST', '/api/framework/reviews', true],
    ['PATCH', `/api/framework/reviews/${seg()}`, false],
    ['POST', `/api/framework/reviews/${seg()}/stages/${seg()}/complete`, false],
    ['POST', `/api/framework/reviews/${seg()}/findings`, false],
    ['POST', `/api/framework/reviews/${seg()}/recommendations/${seg()}/action`, false],
    ['POST', '/api/framework/self-assessments', true],
    ...(['refresh', 'submit', 'endorse', 'return'] as const).map((s): [string, string, boolean] => ['POST', `/api/framework/self-assessments/${seg()}/${s}`, false]),
    ['PATCH', `/api/framework/self-assessments/${seg()}/items/${seg()}`, false],
    ...(
      ['organisation/preview', 'organisation/import', 'caseloads/preview', 'caseloads/import', 'caseload-level', 'quality-themes', 'audit-plan/preview', 'audit-plan', 'audit-plan/replan'] as const
    ).map((s): [string, string, boolean] => ['POST', `/api/admin/${s}`, true]),
    ['DELETE', `/api/admin/quality-themes/${seg()}`, false],
    ['POST', '/api/questionnaires', true],
    ['PATCH', `/api/questionnaires/${g.pick(['template-supervision', 'health-check', seg()])}`, false],
    ['POST', '/api/cycles', true],
    ['PATCH', `/api/cycles/${g.pick(['2026-27', '2017-18', seg()])}`, true],
    // Real cycles only where the step is refused whatever the body (open is open, history cannot close).
    ['POST', g.pick(['/api/cycles/2026-27/open', '/api/cycles/2026-27/publish', '/api/cycles/2017-18/close', `/api/cycles/${seg()}/${g.pick(['open', 'close', 'publish'])}`]), false],
    ['POST', '/api/data-protection/exports', true],
    [g.pick(['PUT', 'OPTIONS', 'DELETE', 'PATCH']), g.pick(['/api/me', '/api/actions', '/', '/api/messages']), false],
  ];
  if (g.next() < 0.45) {
    const method = g.next() < 0.9 ? 'GET' : g.pick(['HEAD', 'GET']);
    const withBody = g.next() < 0.05;
    return { method, url: g.pick(reads) + q(), headers: withBody ? { ...headers, 'content-type': 'application/json' } : headers, ...(withBody ? { body: '{"a":1}' } : {}) };
  }
  const [method, url, bodyOnly] = g.pick(writes);
  const roll = g.next();
  let body: string;
  let contentType = 'application/json';
  if (roll < 0.35) body = JSON.stringify(g.pick<unknown>([[], 5, 'text', null, true, [{}]]));
  else if (roll < 0.5) body = g.pick(['{', '{"a":', '\u0000', 'nul', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}']);
  else if (roll < 0.55) body = JSON.stringify({ what: 'x'.repeat(300 * 1024) });
  else if (roll < 0.62) {
    body = JSON.stringify(junkValue(g));
    contentType = g.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded']);
  } else {
    // An object with keys of its own making: nothing a write needs is in it.
    const o: Record<string, unknown> = {};
    for (let i = g.int(4); i > 0; i--) o[`k${g.int(1000)}${junkString(g).slice(0, 5)}`] = junkValue(g);
    body = JSON.stringify(bodyOnly ? o : junkValue(g));
  }
  return { method, url, headers: { ...headers, 'content-type': contentType }, body };
}

/** A response file with at least one thing certainly wrong, so nothing in it may be imported. */
function importFile(g: Gen): { name: string; text: string } {
  const ids = healthCheck.sections.flatMap((s) => s.questions.map((q) => q.id));
  const roll = g.next();
  if (roll < 0.2) {
    const lines = Array.from({ length: 1 + g.int(4) }, () => (g.next() < 0.7 ? JSON.stringify(junkValue(g)) : junkString(g)));
    return {
      name: 'fuzz.jsonl',
      text: [...lines, JSON.stringify({ role: 'social-worker', submitted_on: g.pick(['2099-01-01', '1970-01-01', '2027-02-30', 'yesterday']) })].join(g.pick(['\n', '\r\n'])),
    };
  }
  const header = Array.from({ length: 1 + g.int(6) }, () =>
    g.next() < 0.7
      ? g.pick(ids)
      : g.pick([
          'submitted_on',
          junkString(g)
            .slice(0, 10)
            .replace(/[,"\r\n]/g, ''),
        ]),
  );
  const wrong = g.int(4);
  if (wrong === 0 && header.length > 0) header.push(header[0] as string);
  if (wrong === 1) header.push(`unknown_${g.int(99)}`);
  const cell = () => {
    const v = g.next() < 0.5 ? g.pick(['agree', 'social-worker', 'hospital', '5', '11', '-1', '', 'yes', 'sometimes', '=1+1']) : junkString(g).slice(0, 30);
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const rows = Array.from({ length: 1 + g.int(5) }, () => header.map(cell).join(','));
  if (wrong >= 2) {
    header.push('submitted_on');
    rows.push([...header.slice(0, -1).map(cell), g.pick(['2099-01-01', '1970-01-01', '2027-13-01', 'soon'])].join(','));
  }
  if (g.next() < 0.1) rows.push('"unterminated');
  return { name: 'fuzz.csv', text: [header.join(','), ...rows].join(g.pick(['\n', '\r\n'])) };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** One request over a real socket, as any client may send it (a GET with a body too). */
function send(
  base: string,
  c: { method: string; url: string; headers: Record<string, string>; payload?: string },
): Promise<{ statusCode: number; payload: string; contentType: string; guarded: boolean }> {
  return new Promise((resolve, reject) => {
    const body = c.payload === undefined ? undefined : Buffer.from(c.payload);
    const req = http.request(`${base}${c.url}`, { method: c.method, agent, headers: { ...c.headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          statusCode: res.statusCode ?? 0,
          payload: Buffer.concat(chunks).toString('utf8'),
          contentType: String(res.headers['content-type'] ?? ''),
          guarded: res.headers['x-content-type-options'] === 'nosniff' && /frame-ancestors/.test(String(res.headers['content-security-policy'] ?? '')),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every table's rows, hashed: what "the store is unchanged" is checked against. */
function snapshot(world: ApiWorld): Map<string, string> {
  const tables = world.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const rows = (t: string) => (world.db.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
  return new Map(tables.map((t) => [t, createHash('sha256').update(rows(t).join('\n')).digest('hex')]));
}

describe(`bad input, generated (seed ${SEED})`, () => {
  let world: ApiWorld;
  let connector: http.Server;
  let serviceUrl = '';
  let replies = 0;
  const logs: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    world = await openApiWorld({ logs, limits: { perAddress: 1e9, apiPerPerson: 1e9, botPerAddress: 1e9, botPerPerson: 1e9 } });
    // A channel that takes every reply: the turns run to the end.
    connector = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        replies++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"r1"}');
      });
    });
    await new Promise<void>((resolve) => connector.listen(0, '127.0.0.1', resolve));
    serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    agent.destroy();
    await world.close();
    await new Promise((resolve) => connector.close(resolve));
  });

  it(`refuses ${COUNTS.bot + COUNTS.cardData + COUNTS.api + COUNTS.imports} bad inputs in words, fails no turn and changes nothing`, async () => {
    const g = generator(SEED);
    const before = snapshot(world);
    const counts = { inputs: 0, byStatus: new Map<number, number>() };
    const serverErrors: string[] = [];
    const count = (status: number, what: string) => {
      counts.inputs++;
      counts.byStatus.set(status, (counts.byStatus.get(status) ?? 0) + 1);
      if (status >= 500) serverErrors.push(`${status} ${what.slice(0, 200)}`);
    };
    const expectWords = (payload: string, what: string) => {
      if (payload === '') return;
      const parsed = JSON.parse(payload) as { error?: unknown };
      if (typeof parsed.error !== 'string' || /TypeError|at \w+ \(|must be of type|FST_|\.js:\d+/.test(payload)) serverErrors.push(`not words: ${payload.slice(0, 200)} (${what.slice(0, 120)})`);
    };
    const expectHeaders = (res: { guarded: boolean; statusCode: number }, what: string) => {
      if (!res.guarded) serverErrors.push(`no security headers on ${res.statusCode}: ${what.slice(0, 120)}`);
    };

    // 1. The bot: activities broken in one to three ways, from this machine.
    for (let i = 0; i < COUNTS.bot; i++) {
      const userId = g.pick([world.who.psw.id, world.who.staff.id, 'user-id-0', 'fuzz-1']);
      const { body, contentType } = activityBody(g, serviceUrl, userId);
      const res = await send(world.base, { method: 'POST', url: '/api/messages', headers: { 'content-type': contentType }, payload: body });
      count(res.statusCode, body);
      expectHeaders(res, body);
      if (res.statusCode < 400) serverErrors.push(`accepted: ${body.slice(0, 200)}`);
      else expectWords(res.payload, body);
    }

    // 2. Card data of any shape from someone the directory does not know: the turn must not fail.
    for (let i = 0; i < COUNTS.cardData; i++) {
      const value = { ...(junkValue(g) as object), ...(g.next() < 0.5 ? { verb: g.pick(['survey.answer', 'audit.open', 'supervision.log', 'orgData.submit', 'x', 5, null]) } : {}) };
      const body = JSON.stringify({
        type: 'message',
        // Each press is an activity of its own, as Teams sends it (one delivered again is not a turn).
        id: `card-data-${i + 1}`,
        channelId: 'msteams',
        serviceUrl,
        from: { id: '29:fuzz', aadObjectId: 'fuzz-card-data' },
        recipient: { id: '28:bot' },
        conversation: { id: 'a:fuzz' },
        value: typeof value === 'object' && value !== null && !Array.isArray(value) ? value : { v: value },
      });
      const res = await send(world.base, { method: 'POST', url: '/api/messages', headers: { 'content-type': 'application/json' }, payload: body });
      count(res.statusCode, body);
    }

    // 3. The API: junk addresses, parameters, people, tokens and bodies.
    const fakeTask = (await allAuditTasks(world.audits, 2026)).find((t) => t.form === null)?.id ?? '2026/none/1';
    for (let i = 0; i < COUNTS.api; i++) {
      const c = apiCase(g, world, fakeTask);
      const res = await send(world.base, { method: c.method, url: c.url, headers: c.headers, ...(c.body !== undefined ? { payload: c.body } : {}) });
      count(res.statusCode, `${c.method} ${c.url} ${c.body ?? ''}`);
      expectHeaders(res, `${c.method} ${c.url}`);
      if (res.statusCode >= 400 && res.contentType.startsWith('application/json')) expectWords(res.payload, `${c.method} ${c.url}`);
      if (c.method !== 'GET' && c.method !== 'HEAD' && res.statusCode < 300 && !c.url.startsWith('/api/messages')) serverErrors.push(`write accepted: ${c.method} ${c.url} ${c.body ?? ''}`);
    }

    // 4. Imports: files with something certainly wrong, and bytes that are not UTF-8.
    for (let i = 0; i < COUNTS.imports; i++) {
      counts.inputs++;
      try {
        if (g.next() < 0.25) {
          const bytes = Uint8Array.from({ length: 1 + g.int(60) }, () => g.int(256));
          // Bytes that are never UTF-8, wherever they stand.
          bytes[g.int(bytes.length)] = g.pick([0xff, 0xfe, 0xc0, 0xc1, 0xf5, 0xf8]);
          decodeUtf8(bytes);
          serverErrors.push(`decoded bytes that are not UTF-8: ${Buffer.from(bytes).toString('hex')}`);
        } else {
          const file = importFile(g);
          const report = await world.app.imports.importResponses('2026-27', file.name, file.text);
          if (report.imported > 0 || report.problems.length === 0) serverErrors.push(`imported: ${file.text.slice(0, 200)}`);
        }
      } catch (error) {
        if (!(error instanceof UserFacingError)) serverErrors.push(`import crashed: ${(error as Error).stack ?? String(error)}`);
      }
    }

    const turnFailures = logs.filter((l) => /"msg":"bot turn failed"/.test(l));
    expect(serverErrors.slice(0, 10)).toEqual([]);
    expect(turnFailures.slice(0, 3)).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(counts.inputs).toBeGreaterThanOrEqual(10_000);
    // The card data turns ran to a reply: the checks above saw real turns.
    expect(replies).toBeGreaterThan(COUNTS.cardData / 2);
    const after = snapshot(world);
    const changed = [...after].filter(([t, h]) => before.get(t) !== h).map(([t]) => t);
    // Only the fuzz person's own conversation reference may be new (their card data was readable),
    // and the access log, which records every read of named records the fuzz made as a real persona.
    expect(changed.filter((t) => t !== 'conversations' && t !== 'access_log')).toEqual([]);
    const conversations = world.db.prepare('SELECT user_id FROM conversations').pluck().all() as string[];
    expect(conversations).toEqual(['fuzz-card-data']);
    console.log(`fuzz seed ${SEED}: ${counts.inputs} inputs; statuses ${JSON.stringify(Object.fromEntries(counts.byStatus))}; ${replies} replies`);
  }, 120_000);
});
