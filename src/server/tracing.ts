import type { Span } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';
import { endRequestSpan, startRequestSpan, withinSpan } from '../telemetry/spans';

/**
 * A server span per request (telemetry, when it is on): the method, the route as registered
 * (`/api/surveys/:id`, never the address asked for, its ids or its query) and the status.
 * The calls the request makes to Microsoft Graph and the Bot Connector are its children.
 */
export function traceRequests(server: FastifyInstance): void {
  const spans = new WeakMap<object, Span>();
  server.addHook('onRequest', (request, _reply, done) => {
    const span = startRequestSpan(request.method, request.routeOptions.url ?? '(no route)');
    spans.set(request, span);
    withinSpan(span, () => done());
  });
  server.addHook('onResponse', async (request, reply) => {
    const span = spans.get(request);
    if (span) endRequestSpan(span, reply.statusCode);
    spans.delete(request);
  });
}
