/**
 * The baseline for `bench:sharepoint`: the plain way to put records in a SharePoint list —
 * the Microsoft Graph SDK with its default retry handler (three retries, honouring
 * Retry-After in real time), one `POST …/items` per record, 8 at a time,
 * no batching and no pacing. A record whose request still fails goes back on the queue, so
 * the run ends with everything written and its time is comparable.
 */
import { Client, HTTPMessageHandler, RetryHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';

export interface NaiveRun {
  /** Records written. */
  readonly written: number;
  /** Requests that failed after the SDK's own retries (the record was queued again). */
  readonly failures: number;
}

export async function naiveWrite(baseUrl: string, itemsPath: string, records: readonly Record<string, unknown>[], concurrency = 8): Promise<NaiveRun> {
  const url = new URL(baseUrl);
  // The SDK's own auth handler sends tokens to https Graph hosts only; the stand-in is plain
  // http, so a one-line handler puts the token on instead. Retry and HTTP are the SDK's own.
  let next: Middleware | undefined;
  const auth: Middleware = {
    setNext: (m) => {
      next = m;
    },
    execute: async (context: Context) => {
      const headers = new Headers((context.options?.headers ?? {}) as ConstructorParameters<typeof Headers>[0]);
      headers.set('Authorization', 'Bearer stand-in-token');
      context.options = { ...context.options, headers };
      await next?.execute(context);
    },
  };
  const client = Client.initWithMiddleware({
    baseUrl: url.origin,
    defaultVersion: url.pathname.replace(/^\/+|\/+$/g, ''),
    middleware: [new RetryHandler(), auth, new HTTPMessageHandler()],
  });
  const queue = [...records];
  let written = 0;
  let failures = 0;
  const worker = async () => {
    for (let fields = queue.shift(); fields; fields = queue.shift()) {
      try {
        await client.api(itemsPath).post({ fields });
        written++;
      } catch (error) {
        failures++;
        if (failures > 10 * records.length) throw new Error(`The naive writer keeps failing: ${(error as Error).message}`);
        queue.push(fields);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { written, failures };
}
