import type { GraphClient } from '../../src/adapters/graph/graphClient';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import { applyEdits, copyOf } from '../../src/domain/survey/authoring';
import { asCycleId, asIsoDate } from '../../src/domain/shared/brand';
import { PULSE_TEMPLATES } from '../../src/domain/survey/templates';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { bareGraph } from '../support/sharepointStandIn/testClient';
import { openOn, provisionedStandIn } from './sharepointHarness';

/**
 * A pulse survey's records in SharePoint, against the stand-in: each version of a
 * questionnaire is an item of *PHC Questionnaires*, and a cycle's settings (who is asked,
 * reminders and working hours, when its results were published) ride on its *PHC Cycles*
 * item; another copy of the app reads both back as they were, and edits SharePoint must not
 * make are refused and written back.
 */
describe('pulse surveys in SharePoint', () => {
  let sp: SharePointStandIn;
  let client: GraphClient;
  let app: SharePointRuntime;
  let other: SharePointRuntime | undefined;
  const cycleId = asCycleId('pulse-2027-01');
  const v1 = copyOf(PULSE_TEMPLATES[0]!.questionnaire, { id: 'supervision-spring', title: 'Supervision pulse, spring 2027' });
  const v2 = applyEdits(v1, [
    { op: 'remove', question: 'supervision-postponed' },
    { op: 'add-custom', kind: 'zero-to-ten', text: 'How much does supervision help?' },
  ]);
  const itemOf = (listName: string, phcId: string) => [...(sp.findList(listName)?.items.values() ?? [])].find((i) => i.fields.PhcId === phcId);
  const listUrl = (listName: string) => `/sites/${sp.site.id}/lists/${sp.findList(listName)?.id}`;

  beforeEach(async () => {
    ({ sp, client } = await provisionedStandIn());
    app = await openOn(sp, client);
    if (!v2.ok) throw new Error('the edits were refused');
    await app.stores.questionnaires.add({ questionnaire: v1, basedOn: { id: 'template-supervision', version: 1 }, savedBy: 'demo-001', savedOn: asIsoDate('2027-01-04') });
    await app.stores.questionnaires.add({ questionnaire: v2.questionnaire, basedOn: { id: 'template-supervision', version: 1 }, savedBy: 'demo-001', savedOn: asIsoDate('2027-01-05') });
    await app.stores.cycles.create(
      {
        id: cycleId,
        surveyId: 'supervision-spring',
        surveyVersion: 2,
        title: 'Supervision pulse, spring 2027',
        kind: 'live',
        status: 'draft',
        opensOn: asIsoDate('2027-01-11'),
        closesOn: asIsoDate('2027-01-29'),
        threshold: 6,
        textThreshold: 10,
        audience: { kind: 'teams', teamIds: ['hospital', 'intake'] },
        plan: { cadence: { afterOpening: [2], beforeClosing: [] }, workingHours: null },
      },
      Buffer.alloc(32, 7),
    );
    await app.stores.cycles.setStatus(cycleId, 'open');
    await app.stores.cycles.setStatus(cycleId, 'closed');
    await app.stores.cycles.markPublished(cycleId, asIsoDate('2027-01-30'));
    await app.writer.drain();
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await app.close();
    await sp.close();
  });

  it("keeps every version of a questionnaire and a cycle's settings, and another copy of the app reads them back as they were", async () => {
    expect(itemOf('PHC Questionnaires', 'supervision-spring@1')?.fields).toMatchObject({
      SurveyId: 'supervision-spring',
      SurveyVersion: 1,
      Kind: 'pulse',
      BasedOn: 'template-supervision@1',
      SavedBy: 'demo-001',
    });
    expect(itemOf('PHC Questionnaires', 'supervision-spring@2')).toBeDefined();
    expect(itemOf('PHC Cycles', cycleId)?.fields).toMatchObject({ Status: 'closed', Threshold: 6, PublishedOn: '2027-01-30T12:00:00Z' });

    other = await openOn(sp, client);
    const report = await other.sync.sync();
    expect(report.problems).toEqual([]);
    expect(await other.stores.questionnaires.get('supervision-spring', 1)).toEqual(await app.stores.questionnaires.get('supervision-spring', 1));
    expect((await other.stores.questionnaires.get('supervision-spring'))?.questionnaire).toEqual(v2.ok ? v2.questionnaire : undefined);
    expect(await other.stores.cycles.get(cycleId)).toEqual(await app.stores.cycles.get(cycleId));
  });

  it("refuses a changed audience, an unpublished cycle and a rewritten questionnaire version, writing the app's values back", async () => {
    await app.sync.sync();
    const graph = bareGraph(sp.baseUrl);
    const cycleItem = itemOf('PHC Cycles', cycleId);
    expect((await graph.patch(`${listUrl('PHC Cycles')}/items/${cycleItem?.id}/fields`, { Audience: JSON.stringify({ kind: 'everyone' }), PublishedOn: null })).status).toBe(200);
    const version = itemOf('PHC Questionnaires', 'supervision-spring@1');
    const definition = JSON.parse(String(version?.fields.Definition)) as { title: string };
    expect((await graph.patch(`${listUrl('PHC Questionnaires')}/items/${version?.id}/fields`, { Definition: JSON.stringify({ ...definition, title: "Renamed behind the app's back" }) })).status).toBe(
      200,
    );

    const report = await app.sync.sync();
    expect(report.problems.join(' ')).toMatch(/who is asked or the reminders changed after opening/);
    expect(report.problems.join(' ')).toMatch(/survey supervision-spring version 1 was changed in SharePoint, but a saved version never changes/);
    expect(await app.stores.cycles.get(cycleId)).toMatchObject({ audience: { kind: 'teams', teamIds: ['hospital', 'intake'] }, publishedOn: '2027-01-30' });
    expect((await app.stores.questionnaires.get('supervision-spring', 1))?.questionnaire.title).toBe('Supervision pulse, spring 2027');
    await app.writer.drain();
    expect(JSON.parse(String(itemOf('PHC Cycles', cycleId)?.fields.Audience))).toEqual({ kind: 'teams', teamIds: ['hospital', 'intake'] });
    expect((JSON.parse(String(itemOf('PHC Questionnaires', 'supervision-spring@1')?.fields.Definition)) as { title: string }).title).toBe('Supervision pulse, spring 2027');
  });

  it('does not take a questionnaire made in SharePoint that the app could not ask', async () => {
    const graph = bareGraph(sp.baseUrl);
    const empty = { ...v1, id: 'empty-pulse', sections: [] };
    const made = await graph.post(`${listUrl('PHC Questionnaires')}/items`, {
      fields: {
        Title: 'Empty',
        PhcId: 'empty-pulse@1',
        SurveyId: 'empty-pulse',
        SurveyVersion: 1,
        Kind: 'pulse',
        Definition: JSON.stringify(empty),
        SavedBy: 'someone',
        SavedOn: '2027-01-05T12:00:00Z',
      },
    });
    expect(made.status).toBe(201);
    const report = await app.sync.sync();
    expect(report.problems.join(' ')).toMatch(/survey empty-pulse@1 is not a survey the app can ask \(The survey has no questions/);
    expect(await app.stores.questionnaires.get('empty-pulse')).toBeUndefined();
  });
});
