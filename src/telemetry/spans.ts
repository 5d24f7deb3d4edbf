import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';

/**
 * What the app's traces may say, and nothing else: every attribute name is in this one list,
 * and each value is a number, a method, a status, a host or a path with its ids taken out.
 * Never a survey answer, free text, a name, a person's or conversation's id, a query string
 * or an error's message (which can quote any of them). The telemetry test reads every span
 * the app exports for such content.
 */
export const SPAN_ATTRIBUTES = [
  'http.request.method',
  'http.route',
  'http.response.status_code',
  'server.address',
  'url.template',
  'error.type',
  'phc.graph.batch_requests',
  'phc.outbox.invitations_sent',
  'phc.outbox.invitations_failed',
  'phc.outbox.invitations_unconfirmed',
  'phc.outbox.invitations_cancelled',
  'phc.outbox.reminders_done',
  'phc.outbox.org_returns_sent',
  'phc.outbox.org_returns_not_sent',
  'phc.outbox.retried',
  'phc.outbox.deferred',
  'phc.outbox.waiting_for_conversation',
  'phc.outbox.settled_in_doubt',
  'phc.sharepoint.requests',
  'phc.sharepoint.written',
  'phc.sharepoint.throttled',
  'phc.sharepoint.retrying',
  'phc.sharepoint.failed',
  'phc.sharepoint.batches',
  'phc.updates.sent',
  'phc.updates.failed',
] as const;

export type SpanAttribute = (typeof SPAN_ATTRIBUTES)[number];
export type SpanAttributes = { readonly [K in SpanAttribute]?: string | number };

/** The names the app's spans have, each a fixed text (the route or path template is an attribute). */
export const SPAN_NAMES = {
  request: 'HTTP request',
  graph: 'Microsoft Graph',
  botConnector: 'Bot Connector',
  senderPass: 'Outbox: proactive messages',
  sharepointFlush: 'Outbox: SharePoint writes',
  updatesRun: 'Outbox: "You said, we did"',
} as const;

const tracer = () => trace.getTracer('practice-health-check');

/**
 * A path with every segment that could identify something replaced by `{id}`: only words
 * (letters, `$` and `.`: `sites`, `lists`, `items`, `delta`, `$batch`) are kept. No query.
 */
export function pathTemplate(pathname: string): string {
  const segments = pathname.split('/').map((s) => (s === '' || /^[A-Za-z$][A-Za-z$.]*$/.test(s) ? s : '{id}'));
  return segments.join('/') || '/';
}

/** An error's kind for `error.type`: its class name, never its message. */
export function errorType(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9]{0,40}$/.test(name) ? name : 'Error';
}

/** Runs `work` in a span of the given kind; its outcome sets the status; `after` adds attributes from the result. */
export async function traced<T>(name: string, kind: SpanKind, attributes: SpanAttributes, work: () => Promise<T>, after?: (result: T) => SpanAttributes): Promise<T> {
  const span = tracer().startSpan(name, { kind, attributes });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), work);
    if (after) span.setAttributes(after(result));
    return result;
  } catch (error) {
    span.setAttributes({ 'error.type': errorType(error) } satisfies SpanAttributes);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** A span for work that has already happened (a pass whose counts are known at its end). */
export function recordSpan(name: string, startedAt: number, endedAt: number, attributes: SpanAttributes, failed = false): void {
  const span = tracer().startSpan(name, { kind: SpanKind.INTERNAL, startTime: startedAt, attributes });
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end(endedAt);
}

/** Starts a server span for an incoming request; the caller ends it with `endRequestSpan`. */
export function startRequestSpan(method: string, route: string): Span {
  return tracer().startSpan(SPAN_NAMES.request, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } satisfies SpanAttributes });
}

export function endRequestSpan(span: Span, status: number): void {
  span.setAttributes({ 'http.response.status_code': status } satisfies SpanAttributes);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Runs `fn` with `span` as the current span, so the calls it makes are its children. */
export function withinSpan<T>(span: Span, fn: () => T): T {
  return context.with(trace.setSpan(context.active(), span), fn);
}

export { SpanKind };

/** Runs `work` with no span recorded, whatever telemetry is on: the server's practice before it serves is not the council's traffic. */
export function withoutTelemetry<T>(work: () => Promise<T>): Promise<T> {
  return context.with(suppressTracing(context.active()), work);
}
