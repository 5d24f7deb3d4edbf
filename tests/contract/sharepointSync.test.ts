import { createHash } from 'node:crypto';
import type { GraphClient } from '../../src/adapters/graph/graphClient';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import { asIsoDate, asParticipationKey } from '../../src/domain/shared/brand';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { bareGraph } from '../support/sharepointStandIn/testClient';
import { draftCycle2025, openOn, provisionedStandIn, snapshot } from './sharepointHarness';

const cycleId = draftCycle2025.id;
const key = (n: number) => asParticipationKey(createHash('sha256').update(`person-${n}`).digest('hex'));

describe('SharePoint delta sync against the stand-in', () => {
  let sp: SharePointStandIn;
  let app: SharePointRuntime;
  let other: SharePointRuntime | undefined;
  let client: GraphClient;

  beforeEach(async () => {
    const world = await provisionedStandIn();
    sp = world.sp;
    client = world.client;
    app = await openOn(sp, client);
    await app.stores.cycles.create(draftCycle2025, Buffer.alloc(32, 7));
    await app.stores.cycles.setStatus(cycleId, 'open');
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await app.close();
    await sp.close();
  });

  const submit = async (from: number, n: number) => {
    for (let i = from; i < from + n; i++) await app.stores.participation.submit(cycleId, key(i), { surveyVersion: 1, submittedOn: asIsoDate('2025-02-14'), answers: { seq: i } });
  };
  const itemOf = (listName: string, phcId: string) => [...(sp.findList(listName)?.items.values() ?? [])].find((i) => i.fields.PhcId === phcId);
  const listUrl = (listName: string) => `/sites/${sp.site.id}/lists/${sp.findList(listName)?.id}`;

  it('reads a list in pages on the first sync, then only what changed, for a small share of the cost', async () => {
    await submit(0, 450);
    await app.writer.drain();
    other = await openOn(sp, client);
    const cold = await other.sync.sync();
    const responses = cold.lists.find((l) => l.list === 'responses');
    expect(responses).toMatchObject({ full: true, items: 450, applied: 450 });
    expect(responses?.pages).toBeGreaterThanOrEqual(3); // the stand-in pages 200 at a time
    expect(await snapshot(other.stores)).toEqual(await snapshot(app.stores));

    await submit(450, 5);
    await app.writer.drain();
    const warm = await other.sync.sync();
    expect(warm.lists.find((l) => l.list === 'responses')).toMatchObject({ full: false, items: 5, applied: 5 });
    expect(warm.requests).toBeLessThan(cold.requests);
    expect(await snapshot(other.stores)).toEqual(await snapshot(app.stores));
  });

  it("picks up an edit made in SharePoint, and refuses one that would lower an open cycle's threshold", async () => {
    await app.writer.drain();
    await app.sync.sync();
    const graph = bareGraph(sp.baseUrl);
    const cycleItem = itemOf('PHC Cycles', cycleId);
    const edit = await graph.patch(`${listUrl('PHC Cycles')}/items/${cycleItem?.id}/fields`, { Title: 'Organisational Health Check 2025', Threshold: 2 });
    expect(edit.status).toBe(200);
    const report = await app.sync.sync();
    expect(report.problems.join(' ')).toMatch(/thresholds changed after opening/);
    expect(await app.stores.cycles.get(cycleId)).toMatchObject({ title: 'Organisational Health Check 2025', threshold: 5 });
    await app.writer.drain();
    expect(itemOf('PHC Cycles', cycleId)?.fields).toMatchObject({ Title: 'Organisational Health Check 2025', Threshold: 5 });
  });

  it('removes a response deleted in SharePoint, keeps a deleted participation record, and says so', async () => {
    await submit(0, 3);
    await app.writer.drain();
    await app.sync.sync();
    const graph = bareGraph(sp.baseUrl);
    const [victim] = (await app.stores.responses.list(cycleId, { limit: 1 })).items;
    expect((await graph.del(`${listUrl('PHC Survey Responses')}/items/${itemOf('PHC Survey Responses', victim?.id ?? '')?.id}`)).status).toBe(204);
    expect((await graph.del(`${listUrl('PHC Participation')}/items/${itemOf('PHC Participation', `${cycleId}:${key(0)}`)?.id}`)).status).toBe(204);
    const report = await app.sync.sync();
    expect(await app.stores.responses.count(cycleId)).toBe(2);
    expect(await app.stores.participation.status(cycleId, key(0))).toBe('submitted');
    expect(report.problems.join(' ')).toMatch(/kept here while the cycle is open, so nobody can answer twice/);
  });

  it("follows SharePoint's deletion of participation once the cycle has closed (the council's retention there)", async () => {
    await submit(0, 2);
    await app.writer.drain();
    await app.sync.sync();
    await app.stores.cycles.setStatus(cycleId, 'closed');
    await app.writer.drain();
    const graph = bareGraph(sp.baseUrl);
    expect((await graph.del(`${listUrl('PHC Participation')}/items/${itemOf('PHC Participation', `${cycleId}:${key(0)}`)?.id}`)).status).toBe(204);
    const report = await app.sync.sync();
    expect(await app.stores.participation.status(cycleId, key(0))).toBeUndefined();
    expect(report.problems.join(' ')).not.toMatch(/participation/);
  });

  it('reads the list again in full when SharePoint answers 410 Gone, ending where it should', async () => {
    await submit(0, 4);
    await app.writer.drain();
    await app.sync.sync();
    sp.expireDeltaTokens();
    await submit(4, 2);
    await app.writer.drain();
    const report = await app.sync.sync();
    expect(report.lists.every((l) => l.full)).toBe(true);
    expect(report.problems.some((p) => p.includes('410'))).toBe(true);
    expect(await app.stores.responses.count(cycleId)).toBe(6);
    // And the next sync is an ordinary delta again.
    expect((await app.sync.sync()).lists.every((l) => !l.full && l.items === 0)).toBe(true);
  });

  it('on a 410 asking for local changes to be uploaded (after a restore in SharePoint), keeps and writes back what SharePoint lost, rather than deleting it', async () => {
    await submit(0, 4);
    await app.writer.drain();
    await app.sync.sync();
    // SharePoint is restored to an earlier point: one response is gone, the cycle's title is an old one.
    const graph = bareGraph(sp.baseUrl);
    const [lost] = (await app.stores.responses.list(cycleId, { limit: 1 })).items;
    expect((await graph.del(`${listUrl('PHC Survey Responses')}/items/${itemOf('PHC Survey Responses', lost?.id ?? '')?.id}`)).status).toBe(204);
    expect((await graph.patch(`${listUrl('PHC Cycles')}/items/${itemOf('PHC Cycles', cycleId)?.id}/fields`, { Title: 'An old title' })).status).toBe(200);
    sp.expireDeltaTokens(undefined, 'resyncChangesUploadDifferences');
    const report = await app.sync.sync();
    expect(report.lists.every((l) => l.full)).toBe(true);
    expect(report.problems.join(' ')).toMatch(/upload/);
    expect(await app.stores.responses.count(cycleId)).toBe(4);
    expect((await app.stores.cycles.get(cycleId))?.title).toBe('Health Check 2025');
    await app.writer.drain();
    expect(itemOf('PHC Survey Responses', lost?.id ?? '')).toBeDefined();
    expect(itemOf('PHC Cycles', cycleId)?.fields.Title).toBe('Health Check 2025');
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Survey Responses': 4, 'PHC Participation': 4, 'PHC Cycles': 1 });
  });

  it("refuses an item that is not the app's, and stores nothing from it", async () => {
    await app.writer.drain();
    await app.sync.sync();
    const graph = bareGraph(sp.baseUrl);
    await graph.post(`${listUrl('PHC Survey Responses')}/items`, { fields: { Title: 'typed by hand', PhcId: 'not-a-response-id', CycleId: cycleId, Answers: '{"a":1}' } });
    await graph.post(`${listUrl('PHC Survey Responses')}/items`, {
      fields: { Title: 'bad answers', PhcId: 'ab'.repeat(16), CycleId: cycleId, SurveyVersion: 1, SubmittedOn: '2025-02-14T12:00:00Z', Answers: 'not json' },
    });
    const report = await app.sync.sync();
    expect(report.problems).toHaveLength(2);
    expect(await app.stores.responses.count(cycleId)).toBe(0);
  });
});
