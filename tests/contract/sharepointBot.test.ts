import { TestAdapter, type Activity } from 'botbuilder';
import { SurveyFlow } from '../../src/bot/flow';
import { SurveyBot } from '../../src/bot/surveyBot';
import { VERBS } from '../../src/bot/cards/verbs';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import type { App } from '../../src/app/app';
import { wire } from '../../src/composition';
import { asCycleId } from '../../src/domain/shared/brand';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { answersFor, fill } from '../fixtures/cardAnswers';
import { TestClock } from '../fixtures/testClock';
import { buttonsOf, textOf } from '../bot/harness';
import { bareGraph } from '../support/sharepointStandIn/testClient';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { openOn, provisionedStandIn } from './sharepointHarness';

const CYCLE = asCycleId('2026-27');
type Card = Record<string, unknown>;

/**
 * The real survey bot, unchanged, on stores whose system of record is SharePoint (the
 * stand-in): a person answers the whole Health Check in Teams, and the response reaches
 * SharePoint as one item that names nobody.
 */
describe('the survey bot with SharePoint as the system of record', () => {
  let sp: SharePointStandIn;
  let runtime: SharePointRuntime;
  let app: App;
  let adapter: TestAdapter;
  let counter = 0;

  beforeEach(async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    runtime = await openOn(sp, world.client);
    app = await wire(runtime.stores, healthCheck, new TestClock(new Date('2027-01-11T10:00:00Z')));
    await app.cycles.open({ id: CYCLE, closesOn: '2027-03-31' });
    const bot = new SurveyBot({ flows: [new SurveyFlow(app)], conversations: runtime.operational.conversations, thresholds: async () => ({ threshold: 5, textThreshold: 10 }) });
    adapter = new TestAdapter(async (context) => bot.run(context));
  });
  afterEach(async () => {
    await app.close();
    await sp.close();
  });

  async function turn(userId: string, activity: Partial<Activity>): Promise<Card> {
    const updates: Partial<Activity>[] = [];
    adapter.updateActivity = async (_context, a) => {
      updates.push(a);
      return { id: a.id ?? '' };
    };
    adapter.activeQueue.length = 0;
    counter += 1;
    await adapter.processActivity({
      type: 'message',
      replyToId: `card-${counter}`,
      from: { id: `29:${userId}`, aadObjectId: userId, name: userId },
      conversation: { id: `a:${userId}`, conversationType: 'personal', isGroup: false, name: '' },
      channelId: 'msteams',
      ...activity,
    });
    const last = updates[updates.length - 1] ?? adapter.activeQueue[adapter.activeQueue.length - 1];
    return last?.attachments?.[0]?.content as Card;
  }
  const press = (userId: string, card: Card, verb: string, inputs: Record<string, unknown> = {}) => {
    const found = buttonsOf(card).find((b) => b.data.verb === verb);
    if (!found) throw new Error(`No ${verb} button on: ${textOf(card)}`);
    return turn(userId, { value: { ...found.data, ...inputs } });
  };

  it('stores the whole Health Check in SharePoint as one item, written by the app, with nothing about the person', async () => {
    const answers = answersFor();
    let card = await press('alex-object-id', await turn('alex-object-id', { text: 'survey' }), VERBS.start);
    // Page by page (long sections have two) to the review.
    for (let i = 0; i < 40 && !buttonsOf(card).some((b) => b.data.verb === VERBS.submit); i++) card = await press('alex-object-id', card, VERBS.next, fill(card, answers));
    expect(textOf(await press('alex-object-id', card, VERBS.submit))).toMatch(/thank/i);

    const { report } = await runtime.writer.drain();
    expect(report.failed).toBe(0);
    const [local] = (await app.stores.responses.list(CYCLE, { limit: 10 })).items;
    const list = sp.findList('PHC Survey Responses');
    const items = [...(list?.items.values() ?? [])];
    expect(items).toHaveLength(1);
    expect(JSON.parse(items[0]?.fields.Answers as string)).toEqual(local?.answers);
    expect(Object.keys(local?.answers ?? {}).length).toBeGreaterThan(30);

    // What SharePoint itself hands out about the item: the app as author, never the person.
    const read = await bareGraph(sp.baseUrl).get(`/sites/${sp.site.id}/lists/${list?.id}/items/${items[0]?.id}?$expand=fields`);
    const text = JSON.stringify(read.body);
    expect(text).not.toMatch(/alex/);
    expect(read.body).toMatchObject({ createdBy: { user: { displayName: 'SharePoint App' } }, lastModifiedBy: { user: { displayName: 'SharePoint App' } } });
    expect((read.body.fields as Record<string, unknown>).SubmittedOn).toBe('2027-01-11T12:00:00Z');

    // And the results, read from the local model, are the app's as ever.
    expect(await app.stores.participation.counts(CYCLE)).toEqual({ started: 0, submitted: 1 });
  });
});
