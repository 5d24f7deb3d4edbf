/**
 * Every page of every part of every audit form card, through the checks of
 * cardQuality.test.ts (shared from cardChecks.ts): 1.5 schema, adaptivecards at 1.5 with no
 * events and at 1.2 with only labels reported, labels on inputs, under 40 KB, only
 * Action.Submit with a known audit verb; and what a card sends back reads as answers.
 */
import { ACTION_ROWS, auditAnswersFromCard, auditFormCard, auditFormPages } from '../../src/bot/cards/auditForm';
import { AUDIT_VERBS, auditInputId } from '../../src/bot/cards/auditVerbs';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import type { AdaptiveCard } from '../../src/bot/cards/types';
import { auditForms, itemsOf } from '../../src/domain/audit/forms';
import type { AuditAnswer, AuditAnswers, AuditForm, AuditItem, AuditPart } from '../../src/domain/audit/forms/types';
import { validateAuditForm, type AuditAnswerError } from '../../src/domain/audit/forms/validate';
import { inputsOf, objectsOfType, wire, type Json, itPassesCardQuality } from './cardChecks';

const LONG = 'Reflective supervision — “quiet” time & a clear plan agreed with the person’s family. ';
const long = (n: number): string => [...LONG.repeat(Math.ceil(n / LONG.length))].slice(0, n).join('');

/** Every item of a part answered to its length limits (the largest card a page can be). */
function fullAnswers(form: AuditForm, part: AuditPart): AuditAnswers {
  const out: Record<string, AuditAnswer> = {};
  for (const { item, section } of itemsOf(form)) {
    if (section.part !== part) continue;
    out[item.id] = answerFor(item);
  }
  return out;
}

function answerFor(item: AuditItem): AuditAnswer {
  switch (item.kind) {
    case 'rating':
      return { kind: 'rating', rating: 'partly', comment: long(item.maxLength) };
    case 'actions':
      return { kind: 'actions', actions: [1, 2, 3].map((n) => ({ action: long(item.maxLength), owner: long(200), due: `2027-01-1${n}` })) };
    default:
      return { kind: 'text', text: long(item.maxLength) };
  }
}

function errorsOnEvery(form: AuditForm, part: AuditPart): AuditAnswerError[] {
  return itemsOf(form)
    .filter(({ section }) => section.part === part)
    .map(({ item }) => ({ code: 'required' as const, itemId: item.id, message: `"${item.number !== undefined ? `${item.number}. ` : ''}${item.text}": please answer this before submitting.` }));
}

const task = { id: '2026/practice-standards-audit/person:demo-012/1', due: '2026-11-20' };
const people = { lead: 'Grace Hughes', subject: 'Amara Adeyemi' };

const cards: (readonly [string, AdaptiveCard])[] = auditForms.flatMap((form) =>
  form.parts.flatMap((part) =>
    auditFormPages(form, part).flatMap((_blocks, page) => {
      const name = `${form.id} ${part} page ${page + 1}`;
      const base = { form, task, part, page, people };
      const full = fullAnswers(form, part);
      return [
        [`${name}, empty`, auditFormCard({ ...base, answers: {} })],
        [`${name}, fully answered`, auditFormCard({ ...base, answers: full })],
        [`${name}, errors on every item`, auditFormCard({ ...base, answers: {}, errors: errorsOnEvery(form, part) })],
        [`${name}, fully answered with errors on every item`, auditFormCard({ ...base, answers: full, errors: errorsOnEvery(form, part) })],
      ] as const;
    }),
  ),
);

const KNOWN_VERBS: readonly string[] = Object.values(AUDIT_VERBS);

describe('audit form cards: quality', () => {
  it('covers every part of every form, every item once and in order, in pages of two items or more', () => {
    for (const form of auditForms) {
      for (const part of form.parts) {
        const pages = auditFormPages(form, part);
        expect(pages.length).toBeGreaterThan(0);
        const ids = pages.flatMap((p) => p.flatMap((b) => b.items.map((i) => i.id)));
        expect(ids).toEqual(
          itemsOf(form)
            .filter((e) => e.section.part === part)
            .map((e) => e.item.id),
        );
        if (ids.length > 1) for (const page of pages) expect(page.reduce((n, b) => n + b.items.length, 0)).toBeGreaterThanOrEqual(2);
      }
    }
    expect(cards.length).toBeGreaterThanOrEqual(4 * 4);
  });

  describe.each(cards)('%s', (_name, card) => {
    itPassesCardQuality(card, CARD_VERSION, {
      needsActions: true,
      checkAction: (data) => {
        expect(KNOWN_VERBS).toContain(data.verb);
        expect(data.taskId).toBe(task.id);
      },
    });
  });
});

describe('audit form cards: content', () => {
  const form2 = auditForms.find((f) => f.id === 'appendix-2')!;

  it('offers Next on every page but the last, Submit on the last, Back after the first, Save draft always', () => {
    const pages = auditFormPages(form2, 'auditor');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((_p, page) => {
      const verbs = objectsOfType(wire(auditFormCard({ form: form2, task, part: 'auditor', answers: {}, page })), 'Action.').map((a) => (a.data as Json).verb);
      expect(verbs).toContain(AUDIT_VERBS.save);
      expect(verbs.includes(AUDIT_VERBS.submit)).toBe(page === pages.length - 1);
      expect(verbs.includes(AUDIT_VERBS.next)).toBe(page < pages.length - 1);
      expect(verbs.includes(AUDIT_VERBS.back)).toBe(page > 0);
    });
  });

  it('renders a rating as Yes / Partly / No with a comment box, and actions as rows with a "none" toggle', () => {
    const pages = auditFormPages(form2, 'auditor');
    const json = wire(auditFormCard({ form: form2, task, part: 'auditor', answers: {}, page: 1 }));
    const choice = objectsOfType(json, 'Input.ChoiceSet')[0]!;
    expect((choice.choices as Json[]).map((c) => c.title)).toEqual(['Yes', 'Partly', 'No']);
    expect(objectsOfType(json, 'Input.Text').some((i) => String(i.id).startsWith('c.'))).toBe(true);
    const lastPage = wire(auditFormCard({ form: form2, task, part: 'auditor', answers: {}, page: pages.length - 1 }));
    expect(inputsOf(lastPage).filter((i) => i.type === 'Input.Date')).toHaveLength(ACTION_ROWS);
    expect(inputsOf(lastPage).filter((i) => i.type === 'Input.Toggle')).toHaveLength(1);
    // With actions stored, one blank row more, so another can be added.
    const two = { kind: 'actions' as const, actions: [1, 2].map((n) => ({ action: `Action ${n}`, owner: 'Grace', due: `2027-01-1${n}` })) };
    const withTwo = wire(auditFormCard({ form: form2, task, part: 'auditor', answers: { 'action-plan': two }, page: pages.length - 1 }));
    expect(inputsOf(withTwo).filter((i) => i.type === 'Input.Date')).toHaveLength(3);
  });

  it('marks errors under their items on the page, and names the other pages that have some', () => {
    const pages = auditFormPages(form2, 'auditor');
    const onPage = (n: number) => pages[n]!.flatMap((b) => b.items);
    const errors = errorsOnEvery(form2, 'auditor').filter((e) => [...onPage(0), onPage(2)[0]!].some((i) => i.id === e.itemId));
    const text = JSON.stringify(auditFormCard({ form: form2, task, part: 'auditor', answers: {}, errors, page: 0 }));
    expect(text).toContain(`Please check the ${onPage(0).length} answers marked below.`);
    expect(text).toContain('⚠ Please answer this before submitting.');
    expect(text).toContain(`⚠ Also check page 3 of ${pages.length} (questions ${onPage(2)[0]!.number} to ${onPage(2)[onPage(2).length - 1]!.number}): 1 answer to put right.`);
    const everywhere = JSON.stringify(auditFormCard({ form: form2, task, part: 'auditor', answers: {}, errors: errorsOnEvery(form2, 'auditor'), page: 0 }));
    expect(everywhere).toMatch(/⚠ Also check pages 2, 3, [0-9, ]+ and \d+ of \d+: \d+ answers to put right, each marked on its page\./);
  });

  it('refuses a page that does not exist', () => {
    expect(() => auditFormCard({ form: form2, task, part: 'auditor', answers: {}, page: 99 })).toThrow(RangeError);
  });

  describe.each(auditForms.flatMap((form) => form.parts.map((part) => [form.id, part, form] as const)))('%s %s: what the card sends back', (_id, part, form) => {
    it('reads back as the answers it was pre-filled with', () => {
      const full = fullAnswers(form, part);
      const input: Record<string, unknown> = {};
      auditFormPages(form, part).forEach((_p, page) => {
        const json = wire(auditFormCard({ form, task, part, answers: full, page }));
        // What Teams sends: every input's value (pre-filled or empty) under its id.
        const data: Record<string, unknown> = {};
        for (const i of inputsOf(json)) data[String(i.id)] = i.value ?? '';
        Object.assign(input, auditAnswersFromCard(form, part, page, data));
      });
      const result = validateAuditForm(form, input, { mode: 'submit', part });
      expect(result).toEqual({ ok: true, answers: full });
    });

    it('reads an untouched card as nothing answered, and the toggle as "no actions"', () => {
      const input: Record<string, unknown> = {};
      auditFormPages(form, part).forEach((_p, page) => {
        const json = wire(auditFormCard({ form, task, part, answers: {}, page }));
        const data: Record<string, unknown> = {};
        for (const i of inputsOf(json)) data[String(i.id)] = i.type === 'Input.Toggle' ? 'true' : '';
        Object.assign(input, auditAnswersFromCard(form, part, page, data));
      });
      const result = validateAuditForm(form, input, { mode: 'draft', part });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const actionItems = itemsOf(form).filter((e) => e.section.part === part && e.item.kind === 'actions');
      expect(Object.keys(result.answers).sort()).toEqual(actionItems.map((e) => e.item.id).sort());
      for (const { item } of actionItems) expect(result.answers[item.id]).toEqual({ kind: 'actions', actions: [] });
      expect(auditInputId.noActions('x')).toBe('n.x');
    });
  });
});
