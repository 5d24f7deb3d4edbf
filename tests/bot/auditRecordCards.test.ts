/**
 * The cards of a sent audit through the shared checks (cardChecks.ts): the record to read
 * (every page of every form, answered to every length limit, in each status and with each
 * button), a form page being amended, the list with its waiting sections, and the notices
 * about a sent audit (the person audited's part, a sign-off).
 */
import { auditDigestCard } from '../../src/bot/cards/auditDigest';
import { auditFormCard, auditFormPages } from '../../src/bot/cards/auditForm';
import { auditListCard, type AuditRecordEntry } from '../../src/bot/cards/auditList';
import { auditRecordCard } from '../../src/bot/cards/auditRecord';
import { AUDIT_VERBS } from '../../src/bot/cards/auditVerbs';
import { CARD_VERSION } from '../../src/bot/cards/elements';
import type { AdaptiveCard } from '../../src/bot/cards/types';
import { auditForms, itemsOf, type AuditAnswer, type AuditAnswers, type AuditForm, type AuditItem, type AuditPart } from '../../src/domain/audit/forms';
import { newAuditRecord, type AuditRecordState } from '../../src/domain/audit/forms/lifecycle';
import { objectsOfType, wire, itPassesCardQuality } from './cardChecks';
import { buttonsOf, textOf } from './harness';

const LONG = 'Reflective supervision — “quiet” time & a clear plan agreed with the person’s family. ';
const long = (n: number): string => [...LONG.repeat(Math.ceil(n / LONG.length))].slice(0, n).join('');

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

function fullAnswers(form: AuditForm, part: AuditPart): AuditAnswers {
  return Object.fromEntries(
    itemsOf(form)
      .filter(({ section }) => section.part === part)
      .map(({ item }) => [item.id, answerFor(item)]),
  );
}

const task = { id: '2026/practice-standards-audit/person:demo-012/1', due: '2026-11-20' };
const people = { lead: 'Grace Hughes', subject: 'Amara Adeyemi', signedOffBy: 'Tariq Khan' };
const submitted = (form: AuditForm): AuditRecordState => ({
  ...newAuditRecord('lead', 'subject', form.signOffNeedsSubjectPart),
  status: 'submitted',
  revision: 3,
  submittedAt: '2026-11-10T10:00:00.000Z',
});
const signedOff = (form: AuditForm): AuditRecordState => ({
  ...submitted(form),
  status: 'signed-off',
  subjectSubmittedAt: '2026-11-11T10:00:00.000Z',
  signedOffAt: '2026-11-12T10:00:00.000Z',
  signedOffBy: 'tk',
});

const recordCards: (readonly [string, AdaptiveCard])[] = auditForms.flatMap((form) => {
  const answers = { [form.lead]: fullAnswers(form, form.lead), [form.subject]: fullAnswers(form, form.subject) };
  return auditFormPages(form, form.lead).flatMap(
    (_b, page) =>
      [
        [`${form.id} page ${page + 1}, not sent`, auditRecordCard({ form, task, record: undefined, people, page, can: { amend: false, addPart: false, signOff: false } })],
        [
          `${form.id} page ${page + 1}, sent, every button`,
          auditRecordCard({
            form,
            task,
            record: { state: submitted(form), answers },
            people,
            page,
            can: { amend: true, addPart: true, signOff: true },
            signOffWaitsFor: 'It cannot be signed off until Amara Adeyemi has sent their part.',
          }),
        ],
        [`${form.id} page ${page + 1}, signed off`, auditRecordCard({ form, task, record: { state: signedOff(form), answers }, people, page, can: { amend: false, addPart: false, signOff: false } })],
      ] as const,
  );
});

const amendCards: (readonly [string, AdaptiveCard])[] = auditForms.flatMap((form) =>
  auditFormPages(form, form.lead).map(
    (_b, page) => [`${form.id} amending page ${page + 1}`, auditFormCard({ form, task, part: form.lead, page, answers: fullAnswers(form, form.lead), people, amend: { revision: 2 } })] as const,
  ),
);

const waiting = (n: number, formId = 'appendix-1'): AuditRecordEntry => ({
  taskId: `2026/supervision-audit/person:demo-0${10 + n}/1`,
  due: `2026-11-${10 + n}`,
  subject: `Person ${n}`,
  activity: 'Staff supervision audit',
  lead: `Lead ${n}`,
  formTitle: 'Staff Supervision Audit',
  formId,
});
const listCards: (readonly [string, AdaptiveCard])[] = [
  ['only waiting records', auditListCard({ entries: [], today: '2026-11-10', yourPart: [waiting(1), waiting(2, 'appendix-4')], signOff: [waiting(3)], amend: [waiting(4)] })],
  [
    'twelve of each',
    auditListCard({
      entries: Array.from({ length: 12 }, (_, i) => waiting(i)),
      today: '2026-11-10',
      yourPart: Array.from({ length: 12 }, (_, i) => waiting(i)),
      signOff: Array.from({ length: 12 }, (_, i) => waiting(i)),
      amend: Array.from({ length: 12 }, (_, i) => waiting(i)),
    }),
  ],
];

const noticeCards: (readonly [string, AdaptiveCard])[] = [
  [
    'your part',
    auditDigestCard({ day: '2026-11-10', items: [{ taskId: 't1', activity: 'Staff supervision audit', subject: 'Amara Adeyemi', due: '2026-11-20', stage: 'your-part', auditor: 'Grace Hughes' }] }),
  ],
  [
    'sign-off',
    auditDigestCard({ day: '2026-11-10', items: [{ taskId: 't1', activity: 'Practice observation', subject: 'Amara Adeyemi', due: '2026-11-20', stage: 'sign-off', auditor: 'Grace Hughes' }] }),
  ],
];

const RECORD_VERBS: readonly string[] = [AUDIT_VERBS.review, AUDIT_VERBS.amend, AUDIT_VERBS.part, AUDIT_VERBS.signOff];

describe.each(recordCards)('audit record card (%s): quality', (_name, card) => {
  itPassesCardQuality(card, CARD_VERSION, {
    checkAction: (data) => {
      expect(RECORD_VERBS).toContain(data.verb);
      expect(data.taskId).toBe(task.id);
    },
  });
});

describe.each(amendCards)('audit form card (%s): quality', (_name, card) => {
  itPassesCardQuality(card, CARD_VERSION, {
    needsActions: true,
    checkAction: (data) => {
      expect([AUDIT_VERBS.next, AUDIT_VERBS.back, AUDIT_VERBS.submit]).toContain(data.verb);
      expect(data.revision).toBe(2);
    },
  });
});

describe.each(listCards)('audit list card with records waiting (%s): quality', (_name, card) => {
  itPassesCardQuality(card, CARD_VERSION, {
    needsActions: true,
    checkAction: (data) => {
      expect([AUDIT_VERBS.open, ...RECORD_VERBS]).toContain(data.verb);
      expect(typeof data.taskId).toBe('string');
    },
  });
});

describe.each(noticeCards)('notice about a sent audit (%s): quality', (_name, card) => {
  itPassesCardQuality(card, CARD_VERSION, { needsActions: true, checkAction: (data) => expect([AUDIT_VERBS.part, AUDIT_VERBS.review]).toContain(data.verb) });
});

describe('cards of a sent audit: content', () => {
  it('reads the record’s status in words and shows only the buttons the reader may use', () => {
    const [form] = auditForms;
    const answers = { auditor: fullAnswers(form!, 'auditor') };
    const sent = auditRecordCard({ form: form!, task, record: { state: submitted(form!), answers }, people, can: { amend: true, addPart: false, signOff: false } });
    expect(textOf(sent)).toContain('Sent on Tuesday 10 November 2026 and amended 2 times. Not yet signed off.');
    expect(textOf(sent)).toContain("Amara Adeyemi's comments: not sent yet.");
    expect(buttonsOf(sent).map((b) => b.title)).toEqual(['Amend']);
    const done = auditRecordCard({ form: form!, task, record: { state: signedOff(form!), answers }, people, can: { amend: false, addPart: false, signOff: false } });
    expect(textOf(done)).toContain('Signed off by Tariq Khan on Thursday 12 November 2026. It can no longer change.');
    expect(objectsOfType(wire(done), 'Action.')).toHaveLength(0);
  });

  it('an amendment has no Save draft and offers Back, then Send amendment', () => {
    const last = amendCards.filter(([name]) => name.startsWith('appendix-2')).at(-1)![1];
    expect(buttonsOf(last).map((b) => b.title)).toEqual(['Back', 'Send amendment']);
    expect(textOf(last)).toContain('You are amending an audit you sent');
  });

  it('lists the waiting records in their sections with the button for each', () => {
    const shown = textOf(listCards[0]![1]);
    expect(shown).toContain('You have no audits to carry out at the moment.');
    for (const title of ['Waiting for your part (2)', 'Waiting for your sign-off (1)', 'Sent, not yet signed off (1)', 'Add my comments', 'Fill in my boxes', 'Read and sign off', 'Amend'])
      expect(shown).toContain(title);
    expect(textOf(listCards[1]![1])).toContain('2 more not shown: deal with these first');
  });
});
