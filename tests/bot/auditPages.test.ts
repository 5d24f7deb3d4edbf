/**
 * Audit forms in the bot, page by page: Next checks the page it leaves and keeps the person on
 * it until it is right; a part refused at Submit opens on the page that holds the problem and
 * names every other page that holds one; no page of a part holds a lone box.
 */
import { auditFormPages } from '../../src/bot/cards/auditForm';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { AuditRecordService } from '../../src/app/auditRecords';
import { practiceStandardsAuditSocialWork, auditForms } from '../../src/domain/audit/forms';
import { directory, OBSERVATION, STANDARDS, SUPERVISION } from '../fixtures/auditWorld';
import { objectsOfType, wire } from './cardChecks';
import { botHarness, buttonsOf, inputValue, textOf, type BotHarness } from './harness';

type Card = Record<string, unknown>;

function button(card: unknown, verb: string, taskId?: string) {
  const found = buttonsOf(card).find((b) => b.data.verb === verb && (taskId === undefined || b.data.taskId === taskId));
  if (!found) throw new Error(`No ${verb} button on: ${textOf(card)}`);
  return found;
}

/** Every rating Yes with a comment, text answered, no actions; `blank` inputs left empty. */
function answersOn(card: Card, blank: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const input of objectsOfType(wire(card), 'Input.')) {
    const id = String(input.id);
    if (blank.includes(id)) out[id] = '';
    else if (input.type === 'Input.ChoiceSet') out[id] = 'yes';
    else if (input.type === 'Input.Toggle') out[id] = 'true';
    else if (id.startsWith('r.')) out[id] = '';
    else out[id] = `Answer for ${id}`;
  }
  return out;
}

const pageOf = (card: Card): number => Number(/page (\d+) of/.exec(textOf(card))?.[1] ?? NaN);

describe('audit pages in the bot', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await botHarness('2026-11-10T09:00:00Z', { directory, auditTasks: [STANDARDS, SUPERVISION, OBSERVATION] });
  });
  afterEach(() => h.close());

  async function open(): Promise<Card> {
    return (await h.press('sup', button(await h.say('sup', 'audits'), AUDIT_VERBS.open, STANDARDS.id))).card;
  }

  it('Next keeps the person on a page with a required answer missing, marked under its question, and keeps what they typed', async () => {
    let card = await open();
    card = (await h.press('sup', button(card, AUDIT_VERBS.next), answersOn(card))).card;
    expect(pageOf(card)).toBe(2);
    const [first, second] = [...new Set(objectsOfType(wire(card), 'Input.ChoiceSet').map((i) => String(i.id)))];
    const item = practiceStandardsAuditSocialWork.sections.flatMap((s) => s.items).find((i) => `q.${i.id}` === second)!;
    const inputs = answersOn(card, [second!, `c.${item.id}`]);
    const again = (await h.press('sup', button(card, AUDIT_VERBS.next), inputs)).card;
    expect(pageOf(again)).toBe(2);
    expect(textOf(again)).toContain(`${item.number}. ${item.text}`);
    expect(textOf(again)).toMatch(/Please check the answer marked below[^]*Please answer this before submitting/);
    expect(inputValue(again, first!)).toBe('yes');
  });

  it('Next refuses a Partly without a comment on the page it is on', async () => {
    let card = await open();
    card = (await h.press('sup', button(card, AUDIT_VERBS.next), answersOn(card))).card;
    const rating = String(objectsOfType(wire(card), 'Input.ChoiceSet')[0]!.id).slice(2);
    const inputs = { ...answersOn(card), [`q.${rating}`]: 'partly', [`c.${rating}`]: '' };
    const again = (await h.press('sup', button(card, AUDIT_VERBS.next), inputs)).card;
    expect(pageOf(again)).toBe(pageOf(card));
    expect(textOf(again)).toMatch(/Please add a comment saying why the answer is Partly/);
  });

  it('a part refused at Submit opens on the first page with a problem and names every other page that has one', async () => {
    const pages = auditFormPages(practiceStandardsAuditSocialWork, 'auditor');
    // A draft with two answers missing, on two different pages, saved without Next's checks.
    const first = pages[1]!.flatMap((b) => b.items)[0]!;
    const later = pages[pages.length - 2]!.flatMap((b) => b.items).find((i) => i.kind === 'rating' && i.required)!;
    const service = new AuditRecordService(h.auditRecords, h.audits, directory, h.clock);
    const all = Object.fromEntries(
      pages.flatMap((p) => p.flatMap((b) => b.items)).map((i) => [i.id, i.kind === 'rating' ? { rating: 'yes', comment: 'Seen in the file.' } : i.kind === 'actions' ? [] : 'Some text']),
    );
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { ...all, [first.id]: '', [later.id]: '' });
    const submit = { data: { verb: AUDIT_VERBS.submit, taskId: STANDARDS.id, part: 'auditor', page: pages.length - 1 } };
    const refused = (await h.press('sup', submit, {})).card;
    expect(pageOf(refused)).toBe(2);
    const laterPage = pages.findIndex((p) => p.some((b) => b.items.some((i) => i.id === later.id)));
    expect(textOf(refused)).toContain(`page ${laterPage + 1} of ${pages.length}`);
  });
});

describe('audit form pages', () => {
  it.each(auditForms.flatMap((form) => form.parts.map((part) => [form.id, part, form] as const)))('%s %s: no page holds a lone box', (_id, part, form) => {
    const pages = auditFormPages(form, part);
    const items = pages.flatMap((p) => p.flatMap((b) => b.items));
    if (items.length < 2) return;
    expect(pages.map((p) => p.flatMap((b) => b.items).length).filter((n) => n < 2)).toEqual([]);
  });
});
