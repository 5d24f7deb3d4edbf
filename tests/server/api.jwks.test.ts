import { entraKeys } from '../../src/server/auth/jwks';
import { checkTimes, decodeJwt, TokenRefused } from '../../src/server/auth/jwt';

/** The key cache and the time checks on their own, with a fetch stand-in and a hand-moved clock. */
describe("Entra's key sets", () => {
  const TENANT = '11111111-2222-3333-4444-555555555555';
  function source(responses: (() => Response)[]) {
    let now = 0;
    const urls: string[] = [];
    const keys = entraKeys({
      baseUrl: 'https://login.example/',
      now: () => now,
      fetch: ((url: string) => {
        urls.push(url);
        const next = responses.shift();
        return Promise.resolve(next ? next() : new Response('{}', { status: 500 }));
      }) as typeof fetch,
    });
    return { keys, urls, advance: (ms: number) => (now += ms) };
  }
  const set =
    (...kids: string[]) =>
    () =>
      new Response(JSON.stringify({ keys: kids.map((kid) => ({ kid, kty: 'RSA', n: 'x', e: 'AQAB' })) }));

  it("fetches a tenant's keys once from {base}/{tenant}/discovery/v2.0/keys and keeps them", async () => {
    const s = source([set('a')]);
    expect((await s.keys.key(TENANT, 'a'))?.kid).toBe('a');
    expect((await s.keys.key(TENANT, 'a'))?.kid).toBe('a');
    expect(s.urls).toEqual([`https://login.example/${TENANT}/discovery/v2.0/keys`]);
  });

  it('looks again for an unknown key id (a rollover), but not more than once every five minutes', async () => {
    const s = source([set('a'), set('a', 'b')]);
    await s.keys.key(TENANT, 'a');
    expect(await s.keys.key(TENANT, 'b')).toBeUndefined();
    expect(s.urls).toHaveLength(1);
    s.advance(5 * 60 * 1000 + 1);
    expect((await s.keys.key(TENANT, 'b'))?.kid).toBe('b');
    expect(s.urls).toHaveLength(2);
  });

  it('fails loudly (not as a bad token) when Entra cannot be reached', async () => {
    const s = source([() => new Response('down', { status: 503 })]);
    await expect(s.keys.key(TENANT, 'a')).rejects.toThrow(/could not be fetched \(HTTP 503\)/);
  });
});

describe('token times and shape', () => {
  it('allows the skew either side and no more', () => {
    expect(() => checkTimes({ exp: 1000 }, 1120, 120)).not.toThrow();
    expect(() => checkTimes({ exp: 1000 }, 1121, 120)).toThrow(TokenRefused);
    expect(() => checkTimes({ exp: 5000, nbf: 1000 }, 880, 120)).not.toThrow();
    expect(() => checkTimes({ exp: 5000, nbf: 1000 }, 879, 120)).toThrow(/not valid yet/);
    expect(() => checkTimes({ exp: '5000' }, 1, 120)).toThrow(/no expiry/);
    expect(() => checkTimes({ exp: 5000, nbf: 'soon' }, 1, 120)).toThrow(/not valid yet/);
  });
  it('refuses anything that is not three base64url JSON parts', () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', '!!.e30.c2ln', 'e30.bm90IGpzb24.c2ln', 'e30.e30.']) expect(() => decodeJwt(bad)).toThrow(TokenRefused);
    expect(decodeJwt('e30.e30.c2ln').claims).toEqual({});
  });
});

describe('when sign-in cannot be checked', () => {
  it('answers 503 with what to do, not 401 or 500', async () => {
    const { openApiWorld } = await import('./apiWorld');
    const world = await openApiWorld({ auth: { mode: 'teams', authenticate: () => Promise.reject(new Error('Entra is down')) } });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await fetch(`${world.base}/api/me`, { headers: { authorization: 'Bearer a.b.c' } });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toMatch(/try again in a minute/);
    } finally {
      errors.mockRestore();
      await world.close();
    }
  });
});

describe('local mode is for this machine only', () => {
  it('knows loopback addresses', async () => {
    const { isLoopback } = await import('../../src/server/auth/authenticate');
    for (const a of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.8.9.10']) expect([a, isLoopback(a)]).toEqual([a, true]);
    for (const a of ['10.0.0.5', '::ffff:192.168.1.4', '172.17.0.1', '1127.0.0.1', undefined]) expect([a, isLoopback(a)]).toEqual([a, false]);
  });
  it('refuses a persona from another machine unless told to accept one', async () => {
    const { localAuthenticator } = await import('../../src/server/auth/authenticate');
    const headers = { 'x-phc-persona': 'demo-001' };
    expect(await localAuthenticator().authenticate(headers, '10.0.0.5')).toMatchObject({ ok: false, error: expect.stringMatching(/only be used on the machine the server runs on/) });
    expect(await localAuthenticator().authenticate(headers, '127.0.0.1')).toEqual({ ok: true, personId: 'demo-001' });
    expect(await localAuthenticator({ anyAddress: true }).authenticate(headers, '10.0.0.5')).toEqual({ ok: true, personId: 'demo-001' });
    expect(localAuthenticator().acceptsFrom?.('10.0.0.5')).toBe(false);
  });
  it('is chosen only with no tab app, and reads PHC_TAB_LOCAL_ANYWHERE', async () => {
    const { readConfig } = await import('../../src/config');
    const { authenticatorFor } = await import('../../src/composition');
    expect(authenticatorFor(readConfig({})).mode).toBe('local');
    expect(authenticatorFor(readConfig({ PHC_TAB_CLIENT_ID: '99999999-8888-7777-6666-555555555555' })).mode).toBe('teams');
    expect(authenticatorFor(readConfig({ PHC_TAB_LOCAL_ANYWHERE: 'on' })).acceptsFrom?.('10.0.0.5')).toBe(true);
    expect(() => readConfig({ PHC_ENTRA_KEYS_BASE: 'not a url' })).toThrow(/PHC_ENTRA_KEYS_BASE must be a URL/);
    expect(readConfig({ PHC_ADMINS: ' a, b ,,', MicrosoftAppTenantId: 't' }).tab).toMatchObject({ admins: ['a', 'b'], tenantId: 't' });
  });
});
