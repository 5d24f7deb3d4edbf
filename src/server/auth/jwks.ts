import type { JsonWebKey } from 'node:crypto';

/** A tenant's signing keys, as Entra publishes them. */
export interface KeySource {
  /** The key with this id, fetching the tenant's key set if it is not known (yet). */
  key(tenantId: string, kid: string): Promise<JsonWebKey | undefined>;
}

export interface JwksOptions {
  /** e.g. `https://login.microsoftonline.com` (tests pass a local stand-in). */
  readonly baseUrl: string;
  /** How long a fetched key set is used before fetching again. */
  readonly maxAgeMs?: number;
  /** An unknown key id fetches again (keys roll over), but no more often than this per tenant. */
  readonly refetchAfterMs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
}

interface Cached {
  readonly keys: readonly JsonWebKey[];
  readonly fetchedAt: number;
}

/**
 * Entra's key sets, `{base}/{tenant}/discovery/v2.0/keys`, cached per tenant. A token with an
 * unknown key id refreshes the set (Entra rolls keys over) at most once per `refetchAfterMs`,
 * so a stream of forged tokens cannot make the server hammer Entra.
 */
export function entraKeys(options: JwksOptions): KeySource {
  const maxAge = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
  const refetchAfter = options.refetchAfterMs ?? 5 * 60 * 1000;
  const now = options.now ?? Date.now;
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  const cache = new Map<string, Cached>();
  const inFlight = new Map<string, Promise<Cached>>();

  const load = (tenantId: string): Promise<Cached> => {
    const pending = inFlight.get(tenantId);
    if (pending) return pending;
    const p = (async () => {
      const res = await doFetch(`${base}/${tenantId}/discovery/v2.0/keys`, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
      if (!res.ok) throw new Error(`Entra's keys for tenant ${tenantId} could not be fetched (HTTP ${res.status}).`);
      const body = (await res.json()) as { keys?: unknown };
      const keys = Array.isArray(body.keys) ? (body.keys as JsonWebKey[]).filter((k) => typeof k === 'object' && k !== null) : [];
      const cached = { keys, fetchedAt: now() };
      cache.set(tenantId, cached);
      return cached;
    })().finally(() => inFlight.delete(tenantId));
    inFlight.set(tenantId, p);
    return p;
  };

  return {
    async key(tenantId, kid) {
      let cached = cache.get(tenantId);
      if (!cached || now() - cached.fetchedAt > maxAge) cached = await load(tenantId);
      const find = (c: Cached) => c.keys.find((k) => (k as { kid?: unknown }).kid === kid);
      const found = find(cached);
      if (found || now() - cached.fetchedAt < refetchAfter) return found;
      return find(await load(tenantId));
    },
  };
}
