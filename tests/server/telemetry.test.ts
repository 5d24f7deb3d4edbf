import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from '../../src/adapters/telemetry/azureMonitor';
import { SPAN_ATTRIBUTES, SPAN_NAMES, startRequestSpan } from '../../src/telemetry/spans';
import { openCycleAndQueue } from '../../src/app/invitations';
import { ProactiveSender } from '../../src/app/sender';
import type { Composition } from '../../src/composition';
import { readConfig } from '../../src/config';
import type { Organisation, Person, StaffRole } from '../../src/domain/organisation/types';
import { asCycleId, asUserId } from '../../src/domain/shared/brand';
import { createHttpServer } from '../../src/server/http';
import { mini } from '../fixtures/miniSurvey';
import { provisionedStandIn } from '../contract/sharepointHarness';
import { startAppInsightsStandIn, type AppInsightsStandIn } from '../support/appInsightsStandIn';
import { composeInMemory } from '../support/composed';
import { listening } from '../support/listening';
import { startConnectorStandIn, standInReference, type ConnectorStandIn } from '../support/connectorStandIn';
import { ManualClock, seededRandom, staticDirectory } from '../support/outboxFixtures';
import type { SharePointStandIn } from '../support/sharepointStandIn';

/**
 * Telemetry through OpenTelemetry and the Azure Monitor exporter, read where it would leave
 * for Azure (an Application Insights ingestion stand-in) and as spans: requests, Microsoft
 * Graph and Bot Connector calls and the outbox are there; no survey answer, free text, name
 * or person's id is, anywhere in a span or in what is sent.
 */
const person = (id: string, displayName: string, role: StaffRole, teamId?: string): Person => ({ id: asUserId(id), displayName, role, teamId, lineManagerId: undefined, supervisorId: undefined });
const ORG: Organisation = {
  teams: [{ id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' }],
  people: [
    person('zq-7f3a', 'Zelda Quintana-Fitzwilliam', 'social-worker', 'hospital'),
    person('ob-9c2e', 'Omar Blackwood-Huxley', 'social-worker', 'hospital'),
    person('psw-4d1b', 'Priya Sandhu-Okafor', 'principal-social-worker'),
  ],
};
const CYCLE = asCycleId('2026-27');
const COMMENT = 'Zebra-lantern-quip';
const BOT_TEXT = 'Omar here: marmalade-thunder';
const ACTION = 'Protected afternoons for reflective-walrus learning';

let sp: SharePointStandIn;
let connector: ConnectorStandIn;
let insights: AppInsightsStandIn;
let phc: Composition;
let telemetry: Telemetry;
const spans = new InMemorySpanExporter();

beforeAll(async () => {
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  ({ sp } = await provisionedStandIn());
  connector = await startConnectorStandIn();
  insights = await startAppInsightsStandIn();
});
afterAll(async () => {
  await connector.close();
  await sp.close();
  await insights.close();
});

describe('telemetry', () => {
  it('is off without a connection string: nothing is registered and every span is a no-op', () => {
    expect(readConfig({}).telemetry).toBeUndefined();
    expect(readConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: insights.connectionString }).telemetry).toEqual({ connectionString: insights.connectionString });
    const span = startRequestSpan('GET', '/healthz');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('traces requests, Graph and Bot Connector calls and the outbox, and never an answer, free text, a name or an id', async () => {
    telemetry = startTelemetry(insights.connectionString, { alsoTo: new SimpleSpanProcessor(spans), exporter: { disableOfflineStorage: true, tlsOptions: { ca: insights.ca } } });
    const clock = new ManualClock('2027-01-11T10:00:00Z');
    phc = await composeInMemory(
      { clock, directory: staticDirectory(ORG), questionnaire: mini },
      {
        PHC_DEMO: 'off',
        PHC_ADMINS: 'psw-4d1b',
        PHC_SHAREPOINT_SITE: sp.site.webUrl,
        PHC_GRAPH_BASE_URL: sp.baseUrl,
        PHC_GRAPH_STATIC_TOKEN: 'stand-in-token',
        PHC_SHAREPOINT_RU_PER_MINUTE: '1000000',
        PHC_SHAREPOINT_RU_PER_DAY: '100000000',
      },
    );
    const server = createHttpServer(phc.app, ORG, phc.teams.endpoint, { tabApi: phc.tabApi });
    let actionId = '';
    const base = await listening(server);
    const inject = async (o: { method: string; url: string; headers?: Record<string, string>; payload?: unknown }) => {
      const res = await fetch(`${base}${o.url}`, {
        method: o.method,
        headers: { ...o.headers, ...(o.payload ? { 'content-type': 'application/json' } : {}) },
        ...(o.payload ? { body: JSON.stringify(o.payload) } : {}),
      });
      await res.text();
      return { statusCode: res.status };
    };
    try {
      // The outbox: a cycle opens and its invitations go out.
      await openCycleAndQueue(phc.app.cycles, phc.services.invitations, { id: CYCLE, closesOn: '2027-02-26' });
      for (const p of ORG.people) await phc.stores.operational.conversations.put(p.id, standInReference(connector.serviceUrl, p.id));
      const run = await new ProactiveSender({ ...phc.sender, clock, sleep: clock.sleep, random: seededRandom(1) }).runOnce();
      expect(run.invitationsSent).toBe(2);

      // Requests: an answer with free text from the tab; an action read by its id.
      const submitted = await inject({
        method: 'POST',
        url: `/api/surveys/${CYCLE}/submit`,
        headers: { 'x-phc-persona': 'zq-7f3a' },
        payload: { answers: { role: 'sw', fair: 'no', pcf: 'yes', comment: COMMENT } },
      });
      expect(submitted.statusCode).toBe(200);
      actionId = (await phc.services.actions.create({ what: ACTION, ownerId: 'psw-4d1b', due: '2027-06-30' }, 'psw-4d1b')).id;
      expect((await inject({ method: 'GET', url: `/api/actions/${actionId}?q=${encodeURIComponent(COMMENT)}`, headers: { 'x-phc-persona': 'psw-4d1b' } })).statusCode).toBe(200);

      // The bot: a message from a named person, answered through the Bot Connector.
      const botTurn = await inject({
        method: 'POST',
        url: '/api/messages',
        payload: {
          type: 'message',
          id: 'turn-1',
          text: BOT_TEXT,
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          from: { id: '29:ob-9c2e', aadObjectId: 'ob-9c2e', name: 'Omar Blackwood-Huxley' },
          recipient: { id: '28:bot' },
          conversation: { id: 'a:1on1-ob-9c2e', conversationType: 'personal' },
        },
      });
      expect(botTurn.statusCode).toBeLessThan(300);

      // SharePoint: the response, the cycle and the messages written through Graph.
      await phc.stores.sharepoint?.writer.drain();
    } finally {
      await server.close();
      await phc.close();
      await telemetry.flush();
    }
    const all = spans.getFinishedSpans();
    await telemetry.shutdown();

    const names = new Set(all.map((s) => s.name));
    // What was traced.
    expect([...names].sort()).toEqual(expect.arrayContaining([SPAN_NAMES.request, SPAN_NAMES.graph, SPAN_NAMES.botConnector, SPAN_NAMES.senderPass]));
    const attributesOf = (name: string) => all.filter((s) => s.name === name).map((s) => s.attributes);
    expect(attributesOf(SPAN_NAMES.request)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ 'http.request.method': 'GET', 'http.route': '/api/actions/:id', 'http.response.status_code': 200 }),
        expect.objectContaining({ 'http.request.method': 'POST', 'http.route': '/api/surveys/:cycle/submit', 'http.response.status_code': 200 }),
        expect.objectContaining({ 'http.route': '/api/messages' }),
      ]),
    );
    expect(attributesOf(SPAN_NAMES.graph)).toEqual(expect.arrayContaining([expect.objectContaining({ 'http.request.method': 'POST', 'url.template': '/$batch', 'http.response.status_code': 200 })]));
    expect(attributesOf(SPAN_NAMES.graph).map((a) => a['url.template'])).toEqual(expect.arrayContaining([expect.stringMatching(/^\/sites\/\{id\}/)]));
    expect(attributesOf(SPAN_NAMES.botConnector)).toEqual(
      expect.arrayContaining([expect.objectContaining({ 'url.template': 'v3/conversations/{id}/activities/{id}', 'http.response.status_code': expect.any(Number) })]),
    );
    expect(attributesOf(SPAN_NAMES.senderPass)).toEqual([expect.objectContaining({ 'phc.outbox.invitations_sent': 2, 'phc.outbox.reminders_done': 0 })]);
    // The Bot Connector call the bot made answering the request is the request's child.
    const request = all.find((s) => s.attributes['http.route'] === '/api/messages') as ReadableSpan;
    expect(all.some((s) => s.name === SPAN_NAMES.botConnector && s.parentSpanContext?.spanId === request.spanContext().spanId)).toBe(true);

    // Only the closed list of attributes, and nothing anyone typed, no name, no id.
    const allowed = new Set<string>(SPAN_ATTRIBUTES);
    expect(all.flatMap((s) => Object.keys(s.attributes)).filter((k) => !allowed.has(k))).toEqual([]);
    expect([...names].filter((n) => !(Object.values(SPAN_NAMES) as string[]).includes(n))).toEqual([]);
    const forbidden = [
      COMMENT,
      'marmalade-thunder',
      ACTION,
      actionId,
      ...ORG.people.flatMap((p) => [p.displayName, ...p.displayName.split(/[ -]/), p.id]),
      'a:1on1-',
      sp.site.id.split(',')[1] ?? sp.site.id,
    ];
    const exported = JSON.stringify(all.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status, resource: s.resource.attributes })));
    expect(forbidden.filter((f) => exported.includes(f))).toEqual([]);

    // What reached "Application Insights": the same spans as requests and dependencies, and none of it either.
    const types = new Set(insights.envelopes.map((e) => e.data?.baseType));
    expect(types).toEqual(new Set(['RequestData', 'RemoteDependencyData', 'MetricData']));
    // The only metric is the exporter's own record of the service (name and version).
    const metrics = insights.envelopes.filter((e) => e.data?.baseType === 'MetricData').flatMap((e) => (e.data?.baseData?.metrics as { name: string }[] | undefined) ?? []);
    expect(new Set(metrics.map((m) => m.name))).toEqual(new Set(['_OTELRESOURCE_']));
    const sent = insights.bodies.join('\n');
    expect(sent).toContain('/api/actions/:id');
    expect(forbidden.filter((f) => sent.includes(f))).toEqual([]);
  });
});
