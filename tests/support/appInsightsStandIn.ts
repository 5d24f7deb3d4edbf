/**
 * A local stand-in for Application Insights' ingestion endpoint (`POST /v2.1/track`, the
 * "Breeze" API the Azure Monitor exporter sends to): it takes the exporter's gzipped JSON
 * array of envelopes, keeps them, and answers as the service does (200 with
 * itemsReceived/itemsAccepted). A connection string whose IngestionEndpoint is `url` sends
 * the app's telemetry here, so a test reads exactly what would leave for Azure.
 */
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { standInCertificate } from './keyVaultStandIn';

export interface TelemetryEnvelope {
  readonly name?: string;
  readonly tags?: Record<string, string>;
  readonly data?: { readonly baseType?: string; readonly baseData?: Record<string, unknown> };
}

export interface AppInsightsStandIn {
  readonly connectionString: string;
  /** The certificate the exporter must trust (the exporter sends over HTTPS only). */
  readonly ca: string;
  /** Every envelope received, in order. */
  readonly envelopes: TelemetryEnvelope[];
  /** Every request body received, as text (after gzip), for searching. */
  readonly bodies: string[];
  close(): Promise<void>;
}

export async function startAppInsightsStandIn(): Promise<AppInsightsStandIn> {
  const envelopes: TelemetryEnvelope[] = [];
  const bodies: string[] = [];
  const { key, cert } = await standInCertificate();
  const server = https.createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^\/v2(\.1)?\/track$/.test(new URL(req.url ?? '/', 'http://x').pathname)) {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      bodies.push(text);
      const parsed: unknown = JSON.parse(text);
      const list = (Array.isArray(parsed) ? parsed : [parsed]) as TelemetryEnvelope[];
      envelopes.push(...list);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: list.length, itemsAccepted: list.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:${port}/`,
    ca: cert,
    envelopes,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
