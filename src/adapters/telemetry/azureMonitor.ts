import { AzureMonitorTraceExporter, type AzureMonitorExporterOptions } from '@azure/monitor-opentelemetry-exporter';
import { trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { version } from '../../../package.json';

export interface Telemetry {
  /** Sends what is buffered now. */
  flush(): Promise<void>;
  /** Sends what is buffered and stops; later spans go nowhere. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  /** Tests: a processor of their own beside the exporter (an in-memory exporter they read). */
  readonly alsoTo?: SpanProcessor;
  /** Tests: the exporter's client options (an ingestion stand-in's certificate; no copy kept on disk). */
  readonly exporter?: Omit<AzureMonitorExporterOptions, 'connectionString'>;
}

/**
 * Traces to Application Insights through OpenTelemetry and Microsoft's Azure Monitor exporter
 * (the one the Azure Monitor OpenTelemetry distro uses), with no automatic instrumentation:
 * the app makes its own spans (requests, Microsoft Graph and Bot Connector calls, the
 * outbox), whose attributes are a closed list (src/telemetry/spans.ts), so nothing a person typed, no name
 * and no id reaches telemetry. Only with `APPLICATIONINSIGHTS_CONNECTION_STRING`; without it
 * nothing is registered and every span is OpenTelemetry's no-op.
 */
export function startTelemetry(connectionString: string, options: TelemetryOptions = {}): Telemetry {
  const exporter = new AzureMonitorTraceExporter({ ...options.exporter, connectionString });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'practice-health-check', [ATTR_SERVICE_VERSION]: version }),
    spanProcessors: [new BatchSpanProcessor(exporter), ...(options.alsoTo ? [options.alsoTo] : [])],
  });
  provider.register();
  return {
    flush: () => provider.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
    },
  };
}
