import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { auditFormCard, type AuditSampleShown } from '../../src/bot/cards/auditForm';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import { AuditService } from '../../src/app/audits';
import { sqliteSupervisionSampleStore } from '../../src/adapters/sqlite/supervisionSampleStore';
import { openSqlite } from '../../src/adapters/sqlite/sqliteStores';
import { staffSupervisionAudit } from '../../src/domain/audit/forms';
import { asIsoDate, asUserId } from '../../src/domain/shared/brand';
import { TestClock } from '../fixtures/testClock';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../fixtures/auditWorld';
import { itPassesCardQuality } from './cardChecks';
import { botHarness, buttonsOf, textOf, type BotHarness } from './harness';

/**
 * The staff supervision audit's sample on the auditor's Appendix 1 card:
 * `sup` supervises `sw` and `ot`; `tm`, sup's line manager, audits sup's supervision.
 */
const held = (superviseeId: string, date: string, supervisorId = 'sup') => ({
  supervisorId: asUserId(supervisorId),
  superviseeId: asUserId(superviseeId),
  date: asIsoDate(date),
  outcome: 'held' as const,
});

describe('the staff supervision audit sample in the bot, on a real TurnContext', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('2026-11-10T09:00:00Z', { directory, auditTasks: [STANDARDS, SUPERVISION, OBSERVATION] });
    await h.supervisionLog.record(held('sw', '2026-09-14'));
    await h.supervisionLog.record(held('sw', '2026-10-12'));
    await h.supervisionLog.record({ ...held('ot', '2026-10-13'), outcome: 'postponed' });
    // Supervised by someone else: not sup's supervision, so not in sup's sample.
    await h.supervisionLog.record(held('ot', '2026-10-20', 'tm'));
  });
  afterEach(() => h.close());

  const openSupervisionAudit = async (userId: string) => {
    const list = await h.say(userId, 'audits');
    const open = buttonsOf(list).find((b) => b.data.verb === AUDIT_VERBS.open && b.data.taskId === SUPERVISION.id);
    if (!open) throw new Error(`No Open button for the supervision audit on: ${textOf(list)}`);
    return (await h.press(userId, open)).card;
  };

  it('shows the auditor each supervisee’s sampled session in UK dates, and who had none with what to do', async () => {
    const shown = textOf(await openSupervisionAudit('tm'));
    expect(shown).toContain('Supervision records to audit');
    expect(shown).toContain('from the supervision SUP recorded as held between Monday 10 November 2025 and Tuesday 10 November 2026');
    expect(shown).toMatch(/• SW: supervision on (Monday 14 September 2026|Monday 12 October 2026)/);
    // A postponed session is not a record to audit, and another supervisor's session is not sup's.
    expect(shown).toContain('No supervision recorded for one supervisee: OT. There was nothing to sample for them.');
    expect(shown).toContain('What to do: ask SUP whether supervision took place');
    expect(shown).not.toContain('OT: supervision on');
  });

  it('keeps the sample as drawn: a session logged afterwards does not change it', async () => {
    await openSupervisionAudit('tm');
    await h.supervisionLog.record(held('ot', '2026-11-09'));
    const again = textOf(await openSupervisionAudit('tm'));
    expect(again).toContain('No supervision recorded for one supervisee: OT');
    expect(again).not.toContain('OT: supervision on');
  });

  it('shows the same sample each time the auditor opens the audit', async () => {
    const card = textOf(await openSupervisionAudit('tm'));
    const date = /• SW: supervision on (\w+ \d+ \w+ 2026)/.exec(card)?.[1];
    expect(date).toBeDefined();
    expect(textOf(await openSupervisionAudit('tm'))).toContain(`• SW: supervision on ${date ?? ''}`);
  });

  it('is not shown on other audits, nor to anyone but the auditor', async () => {
    const standards = buttonsOf(await h.say('sup', 'audits')).find((b) => b.data.taskId === STANDARDS.id);
    if (!standards) throw new Error('No practice standards audit for sup');
    expect(textOf((await h.press('sup', standards)).card)).not.toContain('Supervision records to audit');
    // sup is the person audited: Appendix 1 has no part for them to fill, and no sample shown.
    const asSubject = await h.press('sup', { data: { verb: AUDIT_VERBS.open, taskId: SUPERVISION.id } });
    expect(textOf(asSubject.card)).not.toContain('Supervision records to audit');
  });
});

describe('AuditService.drawDueSamples (the server’s schedule)', () => {
  it('draws the samples of supervision audits due within 30 days, once, and skips years not planned', async () => {
    const { stores, audits, supervisionLog, operational } = openSqlite(':memory:');
    const clock = new TestClock(new Date('2026-10-01T09:00:00Z'));
    const samples = sqliteSupervisionSampleStore(operational.db);
    const service = new AuditService(audits, directory, clock, { sampling: { log: supervisionLog, samples } });
    await audits.putPlan(2026, [STANDARDS, SUPERVISION, OBSERVATION], { seed: 1, rulesHash: 'test', plannedOn: asIsoDate('2026-04-01') });
    await supervisionLog.record(held('sw', '2026-09-14'));
    // Due 20 November: more than 30 days away on 1 October, so not drawn yet.
    expect(await service.drawDueSamples([2025, 2026])).toBe(0);
    clock.set('2026-10-25T09:00:00Z');
    expect(await service.drawDueSamples([2025, 2026])).toBe(1);
    expect(await service.drawDueSamples([2025, 2026])).toBe(0);
    const sample = await samples.get(SUPERVISION.id);
    expect(sample?.picks.map((p) => [p.superviseeId, p.date])).toEqual([['sw', '2026-09-14']]);
    expect(sample?.withoutRecords).toEqual(['ot']);
    await stores.close();
  });
});

const SAMPLE: AuditSampleShown = {
  supervisor: 'Lynne Robbins',
  drawnOn: '2026-11-10',
  period: { start: '2025-11-10', end: '2026-11-10' },
  picks: [
    { supervisee: 'Alex Wilber', dates: ['2026-09-14'] },
    { supervisee: 'Adele Vance', dates: ['2026-06-02', '2026-10-12'] },
  ],
  withoutRecords: ['Patti Fernandez', 'Megan Bowen'],
};

describe('the Appendix 1 card with a sample', () => {
  const card = auditFormCard({ form: staffSupervisionAudit, task: SUPERVISION, part: staffSupervisionAudit.lead, answers: {}, people: { subject: 'Lynne Robbins' }, sample: SAMPLE });
  it('names every supervisee once, picked or not', () => {
    const shown = textOf(card);
    expect(shown).toContain('• Adele Vance: supervision on Tuesday 2 June 2026 and Monday 12 October 2026');
    expect(shown).toContain('No supervision recorded for 2 supervisees: Patti Fernandez, Megan Bowen. There was nothing to sample for these people.');
  });
  itPassesCardQuality(card, CARD_VERSION, { needsActions: true, checkAction: (data) => expect(Object.values(AUDIT_VERBS)).toContain(data.verb) });
});
