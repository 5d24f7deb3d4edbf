import type { GraphClient } from '../../src/adapters/graph/graphClient';
import type { SharePointRuntime } from '../../src/adapters/sharepoint';
import { asIsoDate } from '../../src/domain/shared/brand';
import type { SharePointStandIn } from '../support/sharepointStandIn';
import { bareGraph } from '../support/sharepointStandIn/testClient';
import { assessment, focusGroup, review } from '../fixtures/frameworkRecords';
import { openOn, provisionedStandIn } from './sharepointHarness';

describe('focus groups, thematic reviews and self-assessments in SharePoint', () => {
  let sp: SharePointStandIn;
  let client: GraphClient;
  let app: SharePointRuntime;
  let other: SharePointRuntime | undefined;
  const items = (list: string): Record<string, unknown>[] => [...(sp.findList(list)?.items.values() ?? [])].map((i) => ({ ...i.fields, id: i.id }));

  beforeEach(async () => {
    ({ sp, client } = await provisionedStandIn());
    app = await openOn(sp, client);
    await app.framework.focusGroups.create(focusGroup('fg-1'));
    await app.framework.focusGroups.invite('fg-1', ['demo-020', 'demo-021'], asIsoDate('2026-10-02'), 1);
    await app.framework.focusGroups.reply('fg-1', 'demo-020', 'coming', asIsoDate('2026-10-03'));
    await app.framework.reviews.create(review(2026, 1));
    await app.framework.selfAssessments.create(assessment());
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await app.close();
    await sp.close();
  });

  it('writes each record once, as an item of its own list, and a change as an update of the same item', async () => {
    const first = await app.writer.drain();
    expect(first.pending).toMatchObject({ waiting: 0, failed: 0 });
    expect(sp.itemsPerList()).toMatchObject({ 'PHC Focus Groups': 1, 'PHC Thematic Reviews': 1, 'PHC Self-Assessments': 1 });
    const [group] = items('PHC Focus Groups');
    expect(group).toMatchObject({ PhcId: 'fg-1', Title: 'Annual health check focus group', HeldOn: '2026-11-12T12:00:00Z', Status: 'invited', FacilitatorId: 'demo-001', Version: 2 });
    expect(JSON.parse(String(group?.Invitations))).toEqual([
      { personId: 'demo-020', reply: 'coming', repliedOn: '2026-10-03' },
      { personId: 'demo-021', reply: null, repliedOn: null },
    ]);
    expect(items('PHC Thematic Reviews')[0]).toMatchObject({ PhcId: 'review-2026-1', Title: 'Mental capacity assessments', Year: 2026, Slot: 1, LeadId: 'demo-001' });
    expect(items('PHC Self-Assessments')[0]).toMatchObject({ PhcId: 'health-check-2026', Title: 'Annual health check self-assessment 2026', Kind: 'health-check', Status: 'draft' });

    await app.framework.focusGroups.reply('fg-1', 'demo-021', 'not-coming', asIsoDate('2026-10-04'));
    expect((await app.writer.drain()).report.written).toBe(1);
    expect(JSON.parse(String(items('PHC Focus Groups')[0]?.Invitations))[1]).toEqual({ personId: 'demo-021', reply: 'not-coming', repliedOn: '2026-10-04' });
    // Its own echo changes nothing and sends nothing.
    expect((await app.sync.sync()).problems).toEqual([]);
    expect((await app.writer.drain()).report.requests).toBe(0);
  });

  it('rebuilds every record on another copy of the app from SharePoint', async () => {
    await app.writer.drain();
    other = await openOn(sp, client);
    await other.sync.sync();
    expect(await other.framework.focusGroups.get('fg-1')).toEqual(await app.framework.focusGroups.get('fg-1'));
    expect(await other.framework.focusGroups.invitations('fg-1')).toEqual(await app.framework.focusGroups.invitations('fg-1'));
    expect(await other.framework.reviews.get('review-2026-1')).toEqual(await app.framework.reviews.get('review-2026-1'));
    expect(await other.framework.selfAssessments.get('health-check-2026')).toEqual(await app.framework.selfAssessments.get('health-check-2026'));
  });

  it("refuses a change made in SharePoint (the words are checked in the app) and writes the app's values back; a deleted item is kept", async () => {
    await app.writer.drain();
    await app.sync.sync();
    const list = sp.findList('PHC Focus Groups');
    const itemId = String(items('PHC Focus Groups')[0]?.id);
    await bareGraph(sp.baseUrl).patch(`/sites/${sp.site.id}/lists/${list?.id}/items/${itemId}/fields`, { Notes: JSON.stringify({ q1: 'Someone Named said it' }) });
    const refused = await app.sync.sync(['focusGroups']);
    expect(refused.problems.join(' ')).toMatch(/focus group fg-1 was changed in SharePoint, but it is changed in the app, where its words are checked; the app's values are written back/);
    await app.writer.drain();
    expect(items('PHC Focus Groups')[0]?.Notes).toBe('{}');
    expect((await bareGraph(sp.baseUrl).del(`/sites/${sp.site.id}/lists/${list?.id}/items/${itemId}`)).status).toBe(204);
    const deleted = await app.sync.sync(['focusGroups']);
    expect(deleted.problems.join(' ')).toMatch(/focus group fg-1 was deleted in SharePoint; kept here/);
    expect(await app.framework.focusGroups.get('fg-1')).toBeDefined();
  });
});
