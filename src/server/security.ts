import type { FastifyRequest } from 'fastify';

/**
 * What the server promises every browser and every caller, in one place: the content security
 * policies, who counts as "this machine", and the limits (docs/security.md, ADR 0019).
 */

/** Teams, Outlook and Microsoft 365, where a Teams tab may be framed; nothing else frames anything. */
export const TAB_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.skype.com',
] as const;

/** Every response that is not the tab: nothing may load, frame it or be sent a form. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The headers of an answer Fastify gives before any hook runs (an address it cannot read):
 * the same as helmet's for every other answer.
 */
export const BARE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

/** A plain page (the landing page, the printable report): its own inline styles and nothing else. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HSTS, sent only on a request that reached us over HTTPS (browsers ignore it over HTTP anyway). */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Whether an address is this machine (IPv4, IPv6 or IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);
}

/** Headers a reverse proxy adds: a request carrying one came through it, so from elsewhere. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip', 'x-forwarded-host'] as const;

/**
 * A request from this machine itself, not passed on by a proxy on this machine: what local
 * (unauthenticated) modes trust. With `PHC_TRUST_PROXY` set, `request.ip` is the client's
 * address as the proxy reports it, so a proxied request from elsewhere is not loopback either.
 */
export function isLocalRequest(request: Pick<FastifyRequest, 'ip' | 'headers'>, trustsProxy: boolean): boolean {
  if (!isLoopback(request.ip)) return false;
  return trustsProxy || FORWARDED.every((h) => request.headers[h] === undefined);
}

/** A `serviceUrl` on this machine: where a local-mode bot may reply (the Agents Playground's). */
export function isLoopbackUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLoopback(host);
}

/**
 * Where Microsoft's channels say replies go (`serviceUrl`): Teams worldwide and its government
 * clouds, and the Bot Framework's own channels. Anything else in an activity is refused.
 */
export const MICROSOFT_SERVICE_HOSTS: readonly RegExp[] = [
  /^smba\.trafficmanager\.net$/,
  /^smba\.infra\.(gcc|gov|dod)\.teams\.microsoft\.(com|us)$/,
  /^([a-z0-9-]+\.)*botframework\.(com|us|azure\.us)$/,
];

export function isMicrosoftServiceUrl(raw: string, hosts: readonly RegExp[] = MICROSOFT_SERVICE_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || (url.port !== '' && url.port !== '443')) return false;
  return hosts.some((h) => h.test(url.hostname.toLowerCase()));
}

/** Requests a minute. Generous for a person and for Teams' retries; far short of a flood. */
export interface Limits {
  /** Any route, per client address (a council office shares one address behind its firewall). */
  readonly perAddress: number;
  /** The tab's API, per signed-in person. */
  readonly apiPerPerson: number;
  /**
   * The bot, per address. Teams sends every person's messages from a few of its own, so a
   * whole council opening the survey at once and pressing through its cards (1,500 people,
   * about 21 cards each, within a few minutes) comes from one address at hundreds a second.
   * The token check and the per-person limit stop misuse; this only stops a flood.
   */
  readonly botPerAddress: number;
  /** The bot, per person and address. */
  readonly botPerPerson: number;
  /** The tab's API bodies, bytes. */
  readonly apiBody: number;
  /** The bot's bodies, bytes (a Teams message is at most about 100 KB). */
  readonly botBody: number;
  /** Each call the bot makes to a channel (`serviceUrl`), milliseconds. */
  readonly outboundMs: number;
}

export const LIMITS: Limits = {
  perAddress: 3_000,
  apiPerPerson: 300,
  botPerAddress: 60_000,
  botPerPerson: 120,
  apiBody: 256 * 1024,
  botBody: 1024 * 1024,
  outboundMs: 5_000,
};
