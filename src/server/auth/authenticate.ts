import type { IncomingHttpHeaders } from 'node:http';
import { checkTimes, decodeJwt, TokenRefused, verifyRs256 } from './jwt';
import type { KeySource } from './jwks';
import { isLoopback } from '../security';

/**
 * Who is asking, before any question of what they may see. Teams mode checks an Entra token;
 * local mode (no tab app registered) takes the demo persona the page has picked.
 */
export type Authentication = { readonly ok: true; readonly personId: string } | { readonly ok: false; readonly error: string };

export interface Authenticator {
  readonly mode: 'teams' | 'local';
  readonly clientId?: string;
  /** `remoteAddress`: where the request came from (local mode answers this machine only). */
  authenticate(headers: IncomingHttpHeaders, remoteAddress?: string): Promise<Authentication>;
  /** Local mode: whether requests from this address are served at all (the persona list too). */
  acceptsFrom?(remoteAddress: string | undefined): boolean;
}

export { isLoopback };

export const PERSONA_HEADER = 'x-phc-persona';

export const LOCAL_ONLY = 'Without sign-in configured (PHC_TAB_CLIENT_ID), the tab can only be used on the machine the server runs on (or set PHC_TAB_LOCAL_ANYWHERE=on for demo data).';

/**
 * Local mode: whoever the persona switcher says. Only ever used with no Entra app configured,
 * and only for requests from this machine: anyone who can reach the server could otherwise
 * be the PSW by typing an id (an imported organisation has real people in it).
 */
export function localAuthenticator(options: { readonly anyAddress?: boolean } = {}): Authenticator {
  const acceptsFrom = (remoteAddress: string | undefined): boolean => options.anyAddress === true || isLoopback(remoteAddress);
  return {
    mode: 'local',
    acceptsFrom,
    authenticate(headers, remoteAddress) {
      if (!acceptsFrom(remoteAddress)) return Promise.resolve({ ok: false, error: LOCAL_ONLY });
      const raw = headers[PERSONA_HEADER];
      const persona = typeof raw === 'string' ? raw.trim() : '';
      if (persona === '') return Promise.resolve({ ok: false, error: 'Choose who you are from the persona list (local mode: no sign-in is configured).' });
      return Promise.resolve({ ok: true, personId: persona });
    },
  };
}

export interface TeamsAuthOptions {
  /** The tab's Entra app (client) id: the token's audience. */
  readonly clientId: string;
  /** Only tokens from this tenant; without it any tenant's (the person must still be in the directory). */
  readonly tenantId?: string;
  /** If set, only `api://<domain>/<clientId>` (besides the bare client id). */
  readonly domain?: string;
  readonly keys: KeySource;
  readonly skewSeconds?: number;
  readonly now?: () => number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The delegated scope the tab's Entra app exposes for Teams single sign-on. */
export const SSO_SCOPE = 'access_as_user';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Teams mode: `Authorization: Bearer <token>` from `authentication.getAuthToken()`, checked
 * for signature (the tenant's published keys, RS256 only), issuer (v1 or v2 form for the
 * token's tenant), audience (the tab's app), the `access_as_user` scope, expiry and not-before. Any persona header is
 * ignored. Every refusal is the same 401 to the caller; the reason is for the log.
 */
export function teamsAuthenticator(options: TeamsAuthOptions): Authenticator {
  const skew = options.skewSeconds ?? 120;
  const now = options.now ?? Date.now;
  const audience = new RegExp(`^(?:${escape(options.clientId)}|api://${options.domain ? escape(options.domain) + '/' : '(?:[^/]+/)?'}${escape(options.clientId)})$`);
  return {
    mode: 'teams',
    clientId: options.clientId,
    async authenticate(headers) {
      const raw = headers.authorization;
      const match = typeof raw === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(raw.trim()) : null;
      if (!match?.[1]) return { ok: false, error: 'Sign in through Teams to use the tab (no token was sent).' };
      try {
        const decoded = decodeJwt(match[1]);
        const { claims, header } = decoded;
        const tid = claims.tid;
        if (typeof tid !== 'string' || !GUID.test(tid)) throw new TokenRefused('The token names no tenant.');
        if (options.tenantId !== undefined && tid.toLowerCase() !== options.tenantId.toLowerCase()) throw new TokenRefused('The token is from another organisation.');
        if (header.alg !== 'RS256' || typeof header.kid !== 'string') throw new TokenRefused('The token is not signed the way Entra signs.');
        const key = await options.keys.key(tid, header.kid);
        if (!key || !verifyRs256(decoded, key)) throw new TokenRefused("The token's signature is not valid.");
        const issuers = [`https://sts.windows.net/${tid}/`, `https://login.microsoftonline.com/${tid}/v2.0`];
        if (typeof claims.iss !== 'string' || !issuers.includes(claims.iss)) throw new TokenRefused('The token was not issued by Entra for this organisation.');
        const aud = claims.aud;
        if (typeof aud !== 'string' || !audience.test(aud)) throw new TokenRefused('The token is for another app.');
        checkTimes(claims, Math.floor(now() / 1000), skew);
        // Teams single sign-on asks for the scope the tab's app exposes for it; a token for the
        // app without that scope (an app-only token, or one another client asked for) is not a
        // person signing in to the tab.
        if (typeof claims.scp !== 'string' || !claims.scp.split(' ').includes(SSO_SCOPE)) throw new TokenRefused('The token was not issued for signing in to the tab.');
        const oid = claims.oid;
        if (typeof oid !== 'string' || oid === '') throw new TokenRefused('The token names no person.');
        return { ok: true, personId: oid };
      } catch (error) {
        if (error instanceof TokenRefused) return { ok: false, error: `Your sign-in could not be checked: ${error.message} Close and reopen the tab to sign in again.` };
        throw error;
      }
    },
  };
}
