import { auditFormPages } from '../../src/bot/cards/auditForm';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { AuditService } from '../../src/app/audits';
import { practiceStandardsAuditSocialWork } from '../../src/domain/audit/forms';
import type { AuditTaskId } from '../../src/domain/audit/plan/task';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../fixtures/auditWorld';
import { objectsOfType, wire } from './cardChecks';
import { botHarness, buttonsOf, textOf, type BotHarness } from './harness';

type Card = Record<string, unknown>;

function button(card: unknown, verb: string, taskId?: string) {
  const found = buttonsOf(card).find((b) => b.data.verb === verb && (taskId === undefined || b.data.taskId === taskId));
  if (!found) throw new Error(`No ${verb} button on: ${textOf(card)}`);
  return found;
}

/** What Teams sends back for a page: every input answered (Yes, a comment, text, "no actions"). */
function answersOn(card: Card, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of objectsOfType(wire(card), 'Input.')) {
    const id = String(input.id);
    if (skip.includes(id)) out[id] = '';
    else if (input.type === 'Input.ChoiceSet') out[id] = 'yes';
    else if (input.type === 'Input.Toggle') out[id] = 'true';
    else if (id.startsWith('r.')) out[id] = '';
    else out[id] = `Answer for ${id}`;
  }
  return out;
}

const PAGES = auditFormPages(practiceStandardsAuditSocialWork, 'auditor').length;
const pageNote = (n: number) => `(page ${n} of ${PAGES})`;

describe('audit forms in the bot, on a real TurnContext', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('2026-11-10T09:00:00Z', { directory, auditTasks: [STANDARDS, SUPERVISION, OBSERVATION] });
  });
  afterEach(() => h.close());

  it('lists a supervisor’s open audits, oldest due first, with an Open button each', async () => {
    const card = await h.say('sup', 'Audits');
    const shown = textOf(card);
    expect(shown).toContain('Your audits');
    expect(shown).toContain('Practice standards audit: SW');
    expect(shown).toContain('Practice observation: OT');
    expect(shown).toContain('Due Friday 20 November 2026');
    expect(shown).not.toContain('Staff supervision audit');
    expect(buttonsOf(card).map((b) => b.data)).toEqual(
      expect.arrayContaining([
        { verb: AUDIT_VERBS.open, taskId: STANDARDS.id },
        { verb: AUDIT_VERBS.open, taskId: OBSERVATION.id },
      ]),
    );
    expect(textOf(await h.say('sw', 'audits'))).toContain('You have no audits due');
  });

  it('opens a practice standards audit, pages through, submits, and the task is completed', async () => {
    const service = new AuditService(h.audits, directory, h.clock);
    const before = await service.status(2026);

    const list = await h.say('sup', 'audits');
    const opened = await h.press('sup', button(list, AUDIT_VERBS.open, STANDARDS.id));
    expect(textOf(opened.card)).toContain(pageNote(1));
    let card = opened.card;
    for (let page = 1; page < PAGES; page++) {
      const next = await h.press('sup', button(card, AUDIT_VERBS.next), answersOn(card));
      card = next.card;
      expect(next.updated).toBe(true);
      expect(textOf(card)).toContain(pageNote(page + 1));
    }
    // Back keeps what was saved.
    const back = await h.press('sup', button(card, AUDIT_VERBS.back), answersOn(card));
    expect(textOf(back.card)).toContain(pageNote(PAGES - 1));
    expect(objectsOfType(wire(back.card), 'Input.ChoiceSet').every((i) => i.value === 'yes')).toBe(true);
    const last = await h.press('sup', button(back.card, AUDIT_VERBS.next), answersOn(back.card));

    const sent = await h.press('sup', button(last.card, AUDIT_VERBS.submit), answersOn(last.card));
    expect(textOf(sent.card)).toContain('Audit sent');
    expect(await h.audits.get(STANDARDS.id)).toEqual(expect.objectContaining({ status: 'completed', completedOn: '2026-11-10' }));
    expect((await h.auditRecords.get(STANDARDS.id))?.state.status).toBe('submitted');

    const after = await service.status(2026);
    expect(after).not.toEqual(before);
    expect(after.overall.counts.completedOnTime).toBe(before.overall.counts.completedOnTime + 1);
    // Now under "sent", to read or amend until it is signed off; no longer to carry out.
    const listed = await h.say('sup', 'audits');
    expect(textOf(listed)).toContain('Sent, not yet signed off (1)');
    expect(
      buttonsOf(listed)
        .filter((b) => b.data.taskId === STANDARDS.id)
        .map((b) => b.data.verb),
    ).toEqual([AUDIT_VERBS.review, AUDIT_VERBS.amend]);
  });

  it('saves a draft and says so', async () => {
    const opened = await h.press('sup', button(await h.say('sup', 'audits'), AUDIT_VERBS.open, STANDARDS.id));
    const saved = await h.press('sup', button(opened.card, AUDIT_VERBS.save), answersOn(opened.card));
    expect(textOf(saved.card)).toContain('Draft saved');
    expect((await h.auditRecords.get(STANDARDS.id))?.state.status).toBe('draft');
    const reopened = await h.press('sup', button(await h.say('sup', 'audits'), AUDIT_VERBS.open, STANDARDS.id));
    expect(objectsOfType(wire(reopened.card), 'Input.ChoiceSet').every((i) => i.value === 'yes')).toBe(true);
  });

  it('refuses a bad task id and someone else’s audit, changing nothing', async () => {
    const list = await h.say('sup', 'audits');
    const open = button(list, AUDIT_VERBS.open, STANDARDS.id);
    for (const [who, data] of [
      ['sup', { ...open.data, taskId: 'no/such/task' }],
      ['other', open.data],
      ['sw', open.data],
      ['tm', { verb: AUDIT_VERBS.submit, taskId: STANDARDS.id, part: 'auditor', page: PAGES - 1 }],
      ['other', { verb: AUDIT_VERBS.save, taskId: STANDARDS.id, part: 'auditor', page: 0 }],
    ] as const) {
      const reply = await h.press(who, { data: { ...data } });
      expect(textOf(reply.card)).toMatch(/I could not do that/);
      expect(textOf(reply.card)).not.toContain('Submit audit');
    }
    expect(await h.auditRecords.get(STANDARDS.id)).toBeUndefined();
    expect((await h.audits.get(STANDARDS.id as AuditTaskId))?.status).toBe('planned');
  });

  it('shows a missing required comment on the page it belongs to, at Next, before moving on', async () => {
    const item = practiceStandardsAuditSocialWork.sections.flatMap((s) => s.items).find((i) => i.kind === 'rating' && i.comment === 'always')!;
    const itemPage = auditFormPages(practiceStandardsAuditSocialWork, 'auditor').findIndex((blocks) => blocks.some((b) => b.items.some((i) => i.id === item.id)));
    expect(itemPage).toBeLessThan(PAGES - 1);
    let card = (await h.press('sup', button(await h.say('sup', 'audits'), AUDIT_VERBS.open, STANDARDS.id))).card;
    for (let page = 0; page < itemPage; page++) card = (await h.press('sup', button(card, AUDIT_VERBS.next), answersOn(card))).card;
    const refused = await h.press('sup', button(card, AUDIT_VERBS.next), answersOn(card, [`c.${item.id}`]));
    const shown = textOf(refused.card);
    expect(shown).toContain(pageNote(itemPage + 1));
    expect(shown).toMatch(/please add a comment/i);
    // Drafts were saved (in progress); nothing was completed.
    expect((await h.audits.get(STANDARDS.id))?.status).toBe('in-progress');
  });
});
