import { openSqlite, type SqliteStores } from '../../src/adapters/sqlite/sqliteStores';
import { asIsoDate } from '../../src/domain/shared/brand';
import { assessment, focusGroup, review } from '../fixtures/frameworkRecords';

const day = asIsoDate;

describe('the framework stores in SQLite (migration 3)', () => {
  let s: SqliteStores;
  beforeEach(() => {
    s = openSqlite(':memory:');
  });
  afterEach(() => s.stores.close());

  it('keeps a focus group, its invitations and replies, with a version checked on every change', async () => {
    const { focusGroups } = s.framework;
    const created = await focusGroups.create(focusGroup('fg-1'));
    expect(created.version).toBe(1);
    await expect(focusGroups.create(focusGroup('fg-1'))).rejects.toMatchObject({ code: 'already-exists' });
    const sent = await focusGroups.invite('fg-1', ['demo-020', 'demo-021'], day('2026-10-02'), 1);
    expect(sent).toMatchObject({ added: 2, group: { status: 'invited', invitationsSentOn: '2026-10-02', version: 2 } });
    expect((await focusGroups.invite('fg-1', ['demo-021', 'demo-022'], day('2026-10-03'), 2)).added).toBe(1);
    expect(await focusGroups.reply('fg-1', 'demo-020', 'coming', day('2026-10-04'))).toEqual({ focusGroupId: 'fg-1', personId: 'demo-020', reply: 'coming', repliedOn: '2026-10-04' });
    expect(await focusGroups.reply('fg-1', 'demo-099', 'coming', day('2026-10-04'))).toBeUndefined();
    expect((await focusGroups.invitations('fg-1')).map((i) => [i.personId, i.reply])).toEqual([
      ['demo-020', 'coming'],
      ['demo-021', null],
      ['demo-022', null],
    ]);
    const { version: _v, ...rest } = (await focusGroups.get('fg-1'))!;
    await expect(focusGroups.update({ ...rest, status: 'held' }, 1)).rejects.toMatchObject({ code: 'conflict' });
    const held = await focusGroups.update({ ...rest, status: 'held', attended: 8, notes: { q1: 'Fair.' }, themes: [{ area: 'workload', summary: 'Fair allocation', actionId: null }] }, 3);
    expect(held).toMatchObject({ status: 'held', attended: 8, notes: { q1: 'Fair.' }, version: 4 });
    expect((await focusGroups.listYear(2026)).map((g) => g.id)).toEqual(['fg-1']);
    await expect(focusGroups.update({ ...rest, id: 'fg-9' }, 1)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps one thematic review per slot of a year, and one self-assessment of each kind a year', async () => {
    const { reviews, selfAssessments } = s.framework;
    await reviews.create(review(2026, 2));
    await reviews.create(review(2026, 1));
    await expect(reviews.create({ ...review(2026, 1), id: 'other' })).rejects.toMatchObject({ code: 'already-exists' });
    expect((await reviews.listYear(2026)).map((r) => r.slot)).toEqual([1, 2]);
    const r = (await reviews.get('review-2026-1'))!;
    expect(r).toEqual({ ...review(2026, 1), version: 1 });
    const { version: _v, ...rest } = r;
    expect(await reviews.update({ ...rest, findings: [{ id: 'f1', text: 'Reasoning rarely recorded.', recordedOn: day('2026-09-01') }] }, 1)).toMatchObject({ version: 2, findings: [{ id: 'f1' }] });

    await selfAssessments.create(assessment());
    await expect(selfAssessments.create({ ...assessment(), id: 'x' })).rejects.toMatchObject({ code: 'already-exists' });
    const a = (await selfAssessments.get('health-check-2026'))!;
    expect(a).toEqual({ ...assessment(), version: 1 });
    const { version: _w, ...body } = a;
    // The schema holds the endorsement together: endorsed means by whom and when.
    await expect(selfAssessments.update({ ...body, status: 'endorsed' }, 1)).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(await selfAssessments.update({ ...body, status: 'endorsed', endorsedBy: 'demo-002', endorsedOn: day('2027-02-01') }, 1)).toMatchObject({ status: 'endorsed', version: 2 });
  });

  it('queues every change for SharePoint once a site is named, under its list', async () => {
    const db = s.operational.db;
    db.exec("INSERT INTO sharepoint_site (id, site_id) VALUES (1, 'site')");
    await s.framework.focusGroups.create(focusGroup('fg-1'));
    await s.framework.focusGroups.invite('fg-1', ['demo-020'], day('2026-10-02'), 1);
    db.exec("DELETE FROM sharepoint_pending WHERE list = 'focusGroups'");
    await s.framework.focusGroups.reply('fg-1', 'demo-020', 'not-coming', day('2026-10-03'));
    await s.framework.reviews.create(review(2026, 1));
    await s.framework.selfAssessments.create(assessment());
    expect(db.prepare('SELECT list, item_key FROM sharepoint_pending ORDER BY list').all()).toEqual([
      { list: 'focusGroups', item_key: 'fg-1' },
      { list: 'selfAssessments', item_key: 'health-check-2026' },
      { list: 'thematicReviews', item_key: 'review-2026-1' },
    ]);
  });
});
