import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { entraKeys } from '../../src/server/auth/jwks';
import { teamsAuthenticator } from '../../src/server/auth/authenticate';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * Teams mode: tokens signed with keys this test generates, published by a local stand-in for
 * Entra's key endpoint. Every bad token is a 401; the persona header counts for nothing.
 */
const TENANT = '11111111-2222-3333-4444-555555555555';
const CLIENT = '99999999-8888-7777-6666-555555555555';
const NOW = Date.parse('2027-01-11T10:00:00Z');

function keyPair(): { privateKey: KeyObject; jwk: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, jwk: publicKey.export({ format: 'jwk' }) as Record<string, unknown> };
}

const real = keyPair();
const forger = keyPair();

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string; alg?: string } = {}): string {
  const header = { alg: options.alg ?? 'RS256', typ: 'JWT', kid: options.kid ?? 'key-1' };
  const input = `${b64(header)}.${b64(claims)}`;
  const signer = createSign('RSA-SHA256');
  signer.update(input);
  return `${input}.${signer.sign(options.key ?? real.privateKey).toString('base64url')}`;
}

function claims(oid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(NOW / 1000);
  return {
    aud: `api://tab.example.org/${CLIENT}`,
    iss: `https://login.microsoftonline.com/${TENANT}/v2.0`,
    tid: TENANT,
    oid,
    scp: 'access_as_user',
    iat: now - 60,
    nbf: now - 60,
    exp: now + 3600,
    ver: '2.0',
    ...overrides,
  };
}

describe('the tab API in Teams mode', () => {
  let world: ApiWorld;
  let keys: Server;
  let keyRequests = 0;

  beforeAll(async () => {
    keys = createServer((req, res) => {
      keyRequests++;
      if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: [{ ...real.jwk, kid: 'key-1', use: 'sig' }] }));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const keysBase = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
    world = await openApiWorld({ auth: teamsAuthenticator({ clientId: CLIENT, tenantId: TENANT, keys: entraKeys({ baseUrl: keysBase, now: () => NOW }), now: () => NOW }) });
  });

  afterAll(async () => {
    await world.close();
    await new Promise((resolve) => keys.close(resolve));
  });

  async function get(path: string, headers: Record<string, string>): Promise<{ status: number; body: { error?: string; person?: { id: string } } }> {
    const res = await fetch(`${world.base}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as { error?: string; person?: { id: string } } };
  }
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('maps a valid token to the person with that Entra object id', async () => {
    const res = await get('/api/me', bearer(token(claims(world.who.staff.id))));
    expect(res.status).toBe(200);
    expect(res.body.person?.id).toBe(world.who.staff.id);
  });

  it('accepts the v1 issuer, the bare client id and api://<client id> as audience, and a little clock skew', async () => {
    const now = Math.floor(NOW / 1000);
    for (const extra of [
      { iss: `https://sts.windows.net/${TENANT}/`, ver: '1.0' },
      { aud: CLIENT },
      { aud: `api://${CLIENT}` },
      { exp: now - 60 },
      { nbf: now + 60 },
      { scp: 'User.Read access_as_user' },
    ]) {
      expect((await get('/api/me', bearer(token(claims(world.who.psw.id, extra))))).status).toBe(200);
    }
  });

  const refused: [string, () => string][] = [
    ['a forged signature (another key, same key id)', () => token(claims(world.who.psw.id), { key: forger.privateKey })],
    ['an unknown key id', () => token(claims(world.who.psw.id), { kid: 'key-2', key: forger.privateKey })],
    [
      'claims changed after signing',
      () => {
        const [h, , s] = token(claims(world.who.staff.id)).split('.');
        return `${h}.${b64(claims(world.who.psw.id))}.${s}`;
      },
    ],
    ['alg "none"', () => `${b64({ alg: 'none', kid: 'key-1' })}.${b64(claims(world.who.psw.id))}.`],
    ['alg HS256 keyed with the public key', () => token(claims(world.who.psw.id), { alg: 'HS256' })],
    ['an expired token', () => token(claims(world.who.psw.id, { exp: Math.floor(NOW / 1000) - 600 }))],
    ['a token not yet valid', () => token(claims(world.who.psw.id, { nbf: Math.floor(NOW / 1000) + 600 }))],
    ['no expiry', () => token(claims(world.who.psw.id, { exp: undefined }))],
    ['the wrong audience', () => token(claims(world.who.psw.id, { aud: 'api://tab.example.org/00000000-0000-0000-0000-000000000000' }))],
    ['Microsoft Graph as audience', () => token(claims(world.who.psw.id, { aud: 'https://graph.microsoft.com' }))],
    ['the wrong issuer', () => token(claims(world.who.psw.id, { iss: 'https://evil.example.com/' }))],
    ['an issuer for another tenant', () => token(claims(world.who.psw.id, { iss: 'https://login.microsoftonline.com/aaaaaaaa-2222-3333-4444-555555555555/v2.0' }))],
    ['another tenant', () => token(claims(world.who.psw.id, { tid: 'aaaaaaaa-2222-3333-4444-555555555555', iss: 'https://login.microsoftonline.com/aaaaaaaa-2222-3333-4444-555555555555/v2.0' }))],
    ['no tenant', () => token(claims(world.who.psw.id, { tid: undefined }))],
    ['no object id', () => token(claims(world.who.psw.id, { oid: undefined }))],
    // Teams single sign-on asks for the access_as_user scope the tab's app exposes; a token
    // for the same app without it (another client's, or an app-only token) is not a sign-in.
    ['no scope', () => token(claims(world.who.psw.id, { scp: undefined }))],
    ['another scope only', () => token(claims(world.who.psw.id, { scp: 'User.Read' }))],
    ['an app-only token (roles, no scope)', () => token(claims(world.who.psw.id, { scp: undefined, roles: ['access_as_user'], idtyp: 'app' }))],
    ['not a JWT', () => 'not-a-token'],
  ];

  it.each(refused)('refuses %s with 401', async (_name, make) => {
    const res = await get('/api/me', bearer(make()));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/sign-in could not be checked|Sign in through Teams/);
  });

  it('refuses a request with no token with 401 on every signed-in route', async () => {
    for (const path of [
      '/api/me',
      '/api/health-check/cycles',
      '/api/health-check/cycles/2024-25/results',
      '/api/audits/compliance',
      '/api/actions',
      '/api/surveys/open',
      '/api/health-check/cycles/2024-25/results?by=role',
      '/api/health-check/cycles/2024-25%2F/results',
      '/api/health-check/cycles/2026-27/response-rate',
      '/report/quarterly',
    ]) {
      expect((await get(path, {})).status).toBe(401);
    }
    expect((await get('/api/me', { authorization: 'Basic abc' })).status).toBe(401);
  });

  it('ignores the persona header: alone it is 401, with a token the token decides', async () => {
    expect((await get('/api/me', { 'x-phc-persona': world.who.psw.id })).status).toBe(401);
    const res = await get('/api/me', { ...bearer(token(claims(world.who.staff.id))), 'x-phc-persona': world.who.psw.id });
    expect(res.body.person?.id).toBe(world.who.staff.id);
    expect((await get('/api/health-check/cycles/2025-26/results?by=role', { ...bearer(token(claims(world.who.staff.id))), 'x-phc-persona': world.who.psw.id })).status).toBe(403);
  });

  it('has no persona list, and says it is in Teams mode', async () => {
    expect((await get('/api/personas', {})).status).toBe(404);
    expect((await get('/api/auth/mode', {})).body).toEqual({ mode: 'teams', clientId: CLIENT });
  });

  it('answers 403 for a valid token whose person is not in the directory', async () => {
    const res = await get('/api/me', bearer(token(claims('12345678-0000-0000-0000-000000000000'))));
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/not in the council's staff directory/);
  });

  it('fetches the key set once, not once per request or per forged token', () => {
    expect(keyRequests).toBe(1);
  });
});

describe('the tab API in local mode', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('needs a persona, and one that is in the directory', async () => {
    expect((await call(world, undefined, 'GET', '/api/me')).status).toBe(401);
    expect((await call(world, 'nobody' as never, 'GET', '/api/me')).status).toBe(401);
    expect((await call(world, world.who.staff, 'GET', '/api/me')).status).toBe(200);
  });

  it('lists demo personas of every role', async () => {
    const res = await call(world, undefined, 'GET', '/api/personas');
    expect(res.status).toBe(200);
    const roles = new Set((res.body as { roles: string[] }[]).flatMap((p) => p.roles));
    for (const role of ['staff', 'supervisor', 'team-manager', 'service-manager', 'psw', 'admin', 'management-team']) expect(roles).toContain(role);
    expect((await call(world, undefined, 'GET', '/api/auth/mode')).body).toEqual({ mode: 'local' });
  });
});
