import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/**
 * Just enough of JSON Web Tokens to check an Entra access token: RS256 signatures with
 * node:crypto (no dependency to keep up to date for a few dozen lines), and the time checks.
 * Anything unexpected is refused; nothing here trusts the token before its signature is checked
 * except the key id and tenant used to find the key.
 */

export class TokenRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRefused';
  }
}

export interface JwtHeader {
  readonly alg?: unknown;
  readonly kid?: unknown;
  readonly typ?: unknown;
}

export type JwtClaims = Readonly<Record<string, unknown>>;

export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly claims: JwtClaims;
  readonly signingInput: string;
  readonly signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function part(segment: string, what: string): unknown {
  if (!BASE64URL.test(segment)) throw new TokenRefused(`The token's ${what} is not base64url.`);
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new TokenRefused(`The token's ${what} is not JSON.`);
  }
}

export function decodeJwt(token: string): DecodedJwt {
  const segments = token.split('.');
  if (segments.length !== 3) throw new TokenRefused('The token is not a signed JWT.');
  const [h, c, s] = segments as [string, string, string];
  const header = part(h, 'header');
  const claims = part(c, 'claims');
  if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new TokenRefused('The token is malformed.');
  if (!BASE64URL.test(s) || s.length === 0) throw new TokenRefused('The token has no signature.');
  return { header: header as JwtHeader, claims: claims as JwtClaims, signingInput: `${h}.${c}`, signature: Buffer.from(s, 'base64url') };
}

/** Checks an RS256 signature against one RSA key (a JWK from the tenant's key set). */
export function verifyRs256(decoded: DecodedJwt, jwk: JsonWebKey): boolean {
  if (decoded.header.alg !== 'RS256') return false;
  if (jwk.kty !== 'RSA') return false;
  try {
    const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
    return verify('RSA-SHA256', Buffer.from(decoded.signingInput), key, decoded.signature);
  } catch {
    return false;
  }
}

/** Expiry and not-before, with `skewSeconds` of leeway for clocks that disagree a little. */
export function checkTimes(claims: JwtClaims, nowSeconds: number, skewSeconds: number): void {
  const { exp, nbf } = claims;
  if (typeof exp !== 'number') throw new TokenRefused('The token has no expiry.');
  if (nowSeconds > exp + skewSeconds) throw new TokenRefused('The token has expired.');
  if (nbf !== undefined && (typeof nbf !== 'number' || nowSeconds + skewSeconds < nbf)) throw new TokenRefused('The token is not valid yet.');
}
