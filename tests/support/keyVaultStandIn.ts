/**
 * A local stand-in for Azure Key Vault's secrets REST API (api-version 7.x / 2025-07-01), for
 * the Key Vault adapter and the recovery test. It answers as the service does, from Microsoft's
 * REST reference ("Set Secret", "Get Secret", "Delete Secret", "Get Deleted Secret",
 * "Purge Deleted Secret"):
 *
 * - HTTPS only (the SDK refuses to send a token over plain HTTP), on a self-signed
 *   certificate whose PEM the client is given (`tlsOptions.ca`).
 * - Challenge-based sign-in: a request without a bearer token is answered 401 with
 *   `WWW-Authenticate: Bearer authorization="https://login.microsoftonline.com/{tenant}",
 *   resource="https://vault.azure.net"`; the SDK then asks its credential for a token for
 *   `https://vault.azure.net/.default` and sends the request again. Only the stand-in's token
 *   is accepted. (The resource names vault.azure.net, not 127.0.0.1: the client sets
 *   `disableChallengeResourceVerification`.)
 * - `api-version` is required; secret names are 1–127 letters, digits and dashes.
 * - Each set makes a new version; a get without a version gives the latest.
 * - Soft delete: a deleted secret is gone from `/secrets` and listed under `/deletedsecrets`
 *   (the deletion shows there after `deletionLag` polls, as the service takes a moment);
 *   its name cannot be set again (409) until it is purged. Purge answers 204, or 403 when the
 *   vault has purge protection (with the service's words) or the caller may not purge.
 * - Throttling: `throttleNext(n)` answers the next n requests 429 with Retry-After.
 */
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { randomBytes } from 'node:crypto';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { keyVaultSecrets } from '../../src/adapters/secrets/keyVault';
import type { SecretStore } from '../../src/ports/secrets';

export interface KeyVaultStandInOptions {
  /** Deleted secrets cannot be purged, only wait out their retention (default off). */
  readonly purgeProtection?: boolean;
  /** The caller's role lacks the purge permission (default: it has it). */
  readonly mayPurge?: boolean;
  /** Soft-delete retention in days (default 90). */
  readonly retentionDays?: number;
  /** How many polls of `/deletedsecrets/{name}` answer 404 before a deletion shows (default 1). */
  readonly deletionLag?: number;
}

interface Version {
  readonly id: string;
  readonly value: string;
  readonly contentType: string | undefined;
  readonly tags: Record<string, string> | undefined;
  readonly created: number;
}

interface Stored {
  versions: Version[];
  deleted?: { readonly on: number; polls: number };
}

export interface KeyVaultStandIn {
  /** e.g. https://127.0.0.1:PORT/ */
  readonly vaultUrl: string;
  /** The certificate the client must trust. */
  readonly ca: string;
  readonly tenantId: string;
  /** A credential that hands out the one token the stand-in accepts (for vault.azure.net only). */
  readonly credential: TokenCredential;
  /** What the SDK needs to talk to the stand-in. */
  readonly clientOptions: { readonly disableChallengeResourceVerification: true; readonly tlsOptions: { readonly ca: string } };
  /** Current (not deleted) secrets by name: their latest value as the service holds it (base64 text for the app's). */
  current(): Map<string, string>;
  /** Names deleted and not yet purged. */
  deleted(): string[];
  /** Every version ever set of a name still held (current or deleted). */
  versionsOf(name: string): string[];
  readonly stats: { requests: number; challenged: number; refused: number; byRoute: Record<string, number> };
  throttleNext(count: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const NAME = /^[0-9a-zA-Z-]{1,127}$/;
const RESOURCE = 'https://vault.azure.net';

let certificate: Promise<{ key: string; cert: string }> | undefined;
/** One certificate for every stand-in in the process (making an RSA key takes a moment). */
export function standInCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return certificate;
}

export async function startKeyVaultStandIn(options: KeyVaultStandInOptions = {}): Promise<KeyVaultStandIn> {
  const { key, cert } = await standInCertificate();
  const token = `kv-${randomBytes(16).toString('hex')}`;
  const tenantId = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
  const secrets = new Map<string, Stored>();
  const stats = { requests: 0, challenged: 0, refused: 0, byRoute: {} as Record<string, number> };
  let throttle = { count: 0, retryAfter: 1 };
  let base = '';
  const retentionDays = options.retentionDays ?? 90;
  const recoveryLevel = options.purgeProtection ? 'Recoverable' : 'Recoverable+Purgeable';
  const sockets = new Set<import('node:stream').Duplex>();

  const send = (res: import('node:http').ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (res: import('node:http').ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
    stats.refused++;
    send(res, status, { error: { code, message } }, headers);
  };
  const seconds = () => Math.floor(Date.now() / 1000);
  const bundle = (name: string, v: Version, withValue: boolean) => ({
    ...(withValue ? { value: v.value } : {}),
    id: `${base}secrets/${name}/${v.id}`,
    ...(v.contentType ? { contentType: v.contentType } : {}),
    ...(v.tags ? { tags: v.tags } : {}),
    attributes: { enabled: true, created: v.created, updated: v.created, recoveryLevel, recoverableDays: retentionDays },
  });
  const deletedBundle = (name: string, s: Stored) => {
    const latest = s.versions[s.versions.length - 1] as Version;
    const on = s.deleted?.on ?? seconds();
    return { ...bundle(name, latest, false), recoveryId: `${base}deletedsecrets/${name}`, deletedDate: on, scheduledPurgeDate: on + retentionDays * 86_400 };
  };

  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stats.requests++;
      const url = new URL(req.url ?? '/', base);
      const parts = url.pathname.split('/').filter((p) => p !== '');
      const [collection, rawName, version] = parts;
      const route = `${req.method} /${collection ?? ''}${version ? '/{name}/{version}' : rawName ? '/{name}' : ''}`;
      stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
      const auth = req.headers.authorization;
      const challenge = { 'www-authenticate': `Bearer authorization="https://login.microsoftonline.com/${tenantId}", resource="${RESOURCE}"` };
      if (auth === undefined) {
        stats.challenged++;
        return error(res, 401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.', challenge);
      }
      if (auth !== `Bearer ${token}`) return error(res, 401, 'Unauthorized', 'AKV10032: Invalid issuer. The token was not issued for this vault.', challenge);
      if (throttle.count > 0) {
        throttle.count--;
        return error(res, 429, 'Throttled', 'Rate limit is exceeded. Try again later.', { 'retry-after': String(throttle.retryAfter) });
      }
      if (!url.searchParams.get('api-version')) return error(res, 400, 'BadParameter', 'The request URI contains an invalid or missing api-version.');
      if (!rawName || (collection !== 'secrets' && collection !== 'deletedsecrets') || parts.length > 3) return error(res, 404, 'NotFound', 'No such operation on the stand-in.');
      const name = decodeURIComponent(rawName);
      if (!NAME.test(name)) return error(res, 400, 'BadParameter', `The secret name "${name}" is not valid: it must be 1 to 127 letters, digits and dashes.`);
      const stored = secrets.get(name);
      const current = stored && !stored.deleted ? stored : undefined;

      if (collection === 'secrets' && req.method === 'PUT' && !version) {
        let body: { value?: unknown; contentType?: unknown; tags?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
        } catch {
          return error(res, 400, 'BadParameter', 'The request body is not valid JSON.');
        }
        if (typeof body.value !== 'string') return error(res, 400, 'BadParameter', 'Property "value" is required.');
        if (stored?.deleted)
          return error(
            res,
            409,
            'Conflict',
            `Secret ${name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.`,
          );
        const v: Version = {
          id: randomBytes(16).toString('hex'),
          value: body.value,
          contentType: typeof body.contentType === 'string' ? body.contentType : undefined,
          tags: typeof body.tags === 'object' && body.tags !== null ? (body.tags as Record<string, string>) : undefined,
          created: seconds(),
        };
        secrets.set(name, { versions: [...(stored?.versions ?? []), v] });
        return send(res, 200, bundle(name, v, true));
      }
      if (collection === 'secrets' && req.method === 'GET') {
        const v = version ? current?.versions.find((x) => x.id === version) : current?.versions[current.versions.length - 1];
        if (!current || !v)
          return error(
            res,
            404,
            'SecretNotFound',
            `A secret with (name/id) ${name}${version ? `/${version}` : ''} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command.`,
          );
        return send(res, 200, bundle(name, v, true));
      }
      if (collection === 'secrets' && req.method === 'DELETE' && !version) {
        if (!current) return error(res, 404, 'SecretNotFound', `A secret with (name/id) ${name} was not found in this key vault.`);
        current.deleted = { on: seconds(), polls: 0 };
        return send(res, 200, deletedBundle(name, current));
      }
      if (collection === 'deletedsecrets' && req.method === 'GET' && !version) {
        if (!stored?.deleted || stored.deleted.polls++ < (options.deletionLag ?? 1)) return error(res, 404, 'SecretNotFound', `Deleted Secret not found: ${name}`);
        return send(res, 200, deletedBundle(name, stored));
      }
      if (collection === 'deletedsecrets' && req.method === 'DELETE' && !version) {
        if (!stored?.deleted) return error(res, 404, 'SecretNotFound', `Deleted Secret not found: ${name}`);
        if (options.purgeProtection)
          return error(
            res,
            403,
            'Forbidden',
            'Operation "purge" is not allowed because purge protection is enabled for this vault. Key Vault service will automatically purge it after the retention period has passed.',
          );
        if (options.mayPurge === false) return error(res, 403, 'Forbidden', `Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/secrets/purge/action'`);
        secrets.delete(name);
        res.writeHead(204);
        return res.end();
      }
      return error(res, 405, 'MethodNotAllowed', `${req.method ?? ''} is not allowed here.`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  const credential: TokenCredential = {
    async getToken(scopes): Promise<AccessToken> {
      const wanted = Array.isArray(scopes) ? scopes : [scopes];
      if (!wanted.includes(`${RESOURCE}/.default`)) throw new Error(`The stand-in's credential gives tokens for Key Vault only, not ${wanted.join(', ')}.`);
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };

  return {
    vaultUrl: base,
    ca: cert,
    tenantId,
    credential,
    clientOptions: { disableChallengeResourceVerification: true, tlsOptions: { ca: cert } },
    current: () => new Map([...secrets].filter(([, s]) => !s.deleted).map(([n, s]) => [n, (s.versions[s.versions.length - 1] as Version).value])),
    deleted: () => [...secrets].filter(([, s]) => s.deleted).map(([n]) => n),
    versionsOf: (name) => (secrets.get(name)?.versions ?? []).map((v) => v.value),
    stats,
    throttleNext(count, retryAfterSeconds = 1) {
      throttle = { count, retryAfter: retryAfterSeconds };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The app's Key Vault adapter pointed at a stand-in: the real SDK, a fixed token, the stand-in's certificate. */
export function standInVault(kv: KeyVaultStandIn): SecretStore {
  return keyVaultSecrets({ vaultUrl: kv.vaultUrl, credential: kv.credential, client: { ...kv.clientOptions, retryOptions: { retryDelayInMs: 20, maxRetryDelayInMs: 200 } }, pollMs: 20 });
}
