import { RATINGS, type AuditAnswer, type AuditAnswers, type AuditForm, type AuditItem, type AuditPart, type AuditSection } from '../../domain/audit/forms/types';
import type { AuditAnswerError } from '../../domain/audit/forms/validate';
import { adaptiveCard, container, formatDate, heading, labelled, text, type Element } from './elements';
import { AUDIT_VERBS, auditInputId, type AuditActionData, type AuditVerb } from './auditVerbs';
import { splitIntoPages } from './paging';
import type { AdaptiveCard } from './types';

/**
 * An audit form (Appendices 1–4) as Adaptive Cards, one part at a time (the auditor's, the
 * person audited's, the observer's or the worker's), in pages short enough to fill in on a
 * phone: a page holds what fits in about 1,200 px at Teams' card width (estimated here,
 * measured by the card render check), never a single box when the part has more, and stays
 * well under Teams' 40 KB at every length limit. Next checks the page it leaves. Same
 * conventions as the survey cards: schema 1.2, each input's words shown once on every host,
 * `Action.Submit` only, no `isRequired` (the server checks, so Save draft and Back are never
 * blocked).
 */

/** Estimated px the items of one page may take at 1.5 on desktop (the rest is heading, notes and buttons). */
export const PAGE_BUDGET = 860;
/** Rows for actions arising shown on a card, at least; one more than are stored, so another can be added. */
export const ACTION_ROWS = 2;

export interface AuditPageBlock {
  readonly section: AuditSection;
  readonly items: readonly AuditItem[];
  /** Whether this block starts its section (its intro is shown). */
  readonly first: boolean;
}

const CHARS_PER_LINE = 50;
const lines = (text: string): number => Math.max(1, Math.ceil([...text].length / CHARS_PER_LINE));

/** About how tall an item is on a card, empty, at 1.5 on desktop. */
export function auditItemHeight(item: AuditItem): number {
  const words = lines(`${itemLabel(item)} (required)`) * 20 + 8;
  const hint = item.hint ? lines(item.hint) * 19 + 6 : 0;
  const gap = 30;
  switch (item.kind) {
    case 'rating':
      return gap + words + hint + 3 * 23 + 28 + 72;
    case 'actions':
      // Room for one row more than shown empty: a stored list shows a blank row below it.
      return gap + words + hint + (ACTION_ROWS + 1) * 155 + 36;
    default:
      return gap + words + hint + 80;
  }
}

/**
 * The pages of one part of a form: its items in order, sections sharing a page where they
 * fit, in as few pages as fit the budget, evenly split, never a page of a single item when
 * the part has more.
 */
export function auditFormPages(form: AuditForm, part: AuditPart): readonly (readonly AuditPageBlock[])[] {
  const entries = form.sections.filter((s) => s.part === part).flatMap((section) => section.items.map((item, i) => ({ section, item, first: i === 0 })));
  // A lone box on a page of its own reads as a mistake (and costs a Next): pages hold two items or more.
  const pages = splitIntoPages(entries, (e) => auditItemHeight(e.item), PAGE_BUDGET, 2);
  return pages.map((page) => {
    const blocks: AuditPageBlock[] = [];
    for (const entry of page) {
      const last = blocks[blocks.length - 1];
      if (last && last.section === entry.section) blocks[blocks.length - 1] = { ...last, items: [...last.items, entry.item] };
      else blocks.push({ section: entry.section, items: [entry.item], first: entry.first });
    }
    return blocks;
  });
}

/** "page 2 of 6 (questions 1 to 3)": a page named so that a person can find it. */
export function auditPageName(form: AuditForm, part: AuditPart, page: number): string {
  const pages = auditFormPages(form, part);
  const items = (pages[page] ?? []).flatMap((b) => b.items);
  const numbers = items.map((i) => i.number).filter((n): n is string => n !== undefined);
  const unnumbered = items.filter((i) => i.number === undefined).map((i) => i.text);
  const what = [
    ...unnumbered.slice(0, 1),
    ...(numbers.length === 0
      ? []
      : numbers.length === 1
        ? [`${items.find((i) => i.number === numbers[0])?.kind === 'worker-box' ? 'box' : 'question'} ${numbers[0]}`]
        : [`${items[0]?.kind === 'worker-box' ? 'boxes' : 'questions'} ${numbers[0]} to ${numbers[numbers.length - 1]}`]),
  ];
  return `page ${page + 1} of ${pages.length}${what.length > 0 ? ` (${what.join(' and ')})` : ''}`;
}

export interface AuditFormCardInput {
  readonly form: AuditForm;
  /** The audit task (an `AuditTaskRecord` will do). */
  readonly task: { readonly id: string; readonly due: string };
  readonly part: AuditPart;
  /** The part's answers so far: pre-fill the inputs. */
  readonly answers: AuditAnswers;
  /** Refused answers: shown under their item, or at the top if the item is on another page. */
  readonly errors?: readonly AuditAnswerError[];
  /** 0-based; the first page if absent. */
  readonly page?: number;
  /** Display names, for the line under the title. */
  readonly people?: { readonly lead?: string; readonly subject?: string };
  /**
   * `amend`: the lead changes a submitted record (the pages say Next and Send amendment, no
   * Save draft: each page changed is recorded as an amendment). `revision` is the record's
   * revision when the amendment was opened. Absent: filling in.
   */
  readonly amend?: { readonly revision: number };
  /** A staff supervision audit's sample (Appendix 1), shown to the auditor on each page of their part. */
  readonly sample?: AuditSampleShown;
}

/** A supervision audit sample with names resolved, for the card. Dates `YYYY-MM-DD`. */
export interface AuditSampleShown {
  /** The supervisor whose supervision is audited. */
  readonly supervisor: string;
  readonly drawnOn: string;
  /** The sessions the sample was drawn from: held with the supervisor between these dates. */
  readonly period: { readonly start: string; readonly end: string };
  /** Each supervisee who had a session to sample, with the session(s) picked. */
  readonly picks: readonly { readonly supervisee: string; readonly dates: readonly string[] }[];
  /** Supervisees with no held supervision recorded in the period: nothing to sample. */
  readonly withoutRecords: readonly string[];
}

const PART_TITLES: Readonly<Record<AuditPart, string>> = {
  auditor: 'Auditor’s part',
  subject: 'Your comments',
  observer: 'Observer’s part',
  worker: 'Your part (worker observed)',
};

export function auditFormCard(input: AuditFormCardInput): AdaptiveCard {
  const { form, task, part, answers } = input;
  const pages = auditFormPages(form, part);
  const pageIndex = input.page ?? 0;
  const blocks = pages[pageIndex];
  if (!blocks) throw new RangeError(`Page ${pageIndex} does not exist: the ${part} part of ${form.title} has ${pages.length} pages.`);
  const onPage = new Set(blocks.flatMap((b) => b.items.map((i) => i.id)));
  const errors = input.errors ?? [];
  const placed = errors.filter((e) => onPage.has(e.itemId));

  const pageNote = pages.length > 1 ? ` (page ${pageIndex + 1} of ${pages.length})` : '';
  const about = [form.title, input.people?.subject ? `About: ${input.people.subject}` : undefined, input.people?.lead ? `Led by: ${input.people.lead}` : undefined, `Due: ${formatDate(task.due)}`];
  const body: Element[] = [heading(`${PART_TITLES[part]}${pageNote}`), text(about.filter((s): s is string => s !== undefined).join(' · '), { isSubtle: true, spacing: 'none' })];
  if (input.amend)
    body.push(
      text('You are amending an audit you sent. Each page you change is recorded as an amendment, with your name and the time, and the person audited is asked to look again.', {
        spacing: 'small',
        color: 'accent',
      }),
    );
  if (input.sample && part === form.lead) body.push(sampleBlock(input.sample));
  const itemsWithErrors = new Set(placed.map((e) => e.itemId)).size;
  if (itemsWithErrors > 0)
    body.push(text(itemsWithErrors === 1 ? 'Please check the answer marked below.' : `Please check the ${itemsWithErrors} answers marked below.`, { color: 'attention', weight: 'bolder' }));
  body.push(
    ...otherPages(
      form,
      part,
      pageIndex,
      errors.filter((e) => !onPage.has(e.itemId)),
    ),
  );

  for (const block of blocks) {
    // A section of one item named as the item (the observation's feedback) shows its words once.
    const sameWords = block.items.length === 1 && block.items[0]!.text === block.section.title;
    if (!sameWords) body.push(text(block.section.title, { weight: 'bolder', spacing: 'large', separator: true }));
    if (block.first && block.section.intro) body.push(text(block.section.intro, { spacing: 'small' }));
    for (const item of block.items)
      body.push(
        itemBlock(
          item,
          answers[item.id],
          placed.filter((e) => e.itemId === item.id),
        ),
      );
  }

  const data = (verb: AuditVerb): AuditActionData => ({ verb, taskId: task.id, part, page: pageIndex, ...(input.amend ? { revision: input.amend.revision } : {}) });
  const last = pageIndex === pages.length - 1;
  // Back, then forward, then Save draft: the order people expect, on one row on a phone.
  const actions: Element[] = [];
  if (pageIndex > 0) actions.push(button('Back', data(AUDIT_VERBS.back)));
  const submitTitle = input.amend ? 'Send amendment' : part === form.lead ? 'Submit audit' : 'Submit my part';
  if (last) actions.push(button(submitTitle, data(AUDIT_VERBS.submit), 'positive'));
  else actions.push(button('Next', data(AUDIT_VERBS.next), 'positive'));
  if (!input.amend) actions.push(button('Save draft', data(AUDIT_VERBS.save)));
  return adaptiveCard({ fallbackText: `${form.title}: ${PART_TITLES[part]}${pageNote}.`, body, actions });
}

/**
 * Problems on other pages, each page named ("page 4 of 6 (questions 10 to 12)") with how
 * many answers to put right there (they are marked on that page); problems that belong to
 * no page are listed in full.
 */
function otherPages(form: AuditForm, part: AuditPart, pageIndex: number, errors: readonly AuditAnswerError[]): Element[] {
  if (errors.length === 0) return [];
  const pages = auditFormPages(form, part);
  const byPage = new Map<number, AuditAnswerError[]>();
  const nowhere: AuditAnswerError[] = [];
  for (const error of errors) {
    const page = pages.findIndex((blocks) => blocks.some((b) => b.items.some((i) => i.id === error.itemId)));
    if (page < 0 || page === pageIndex) nowhere.push(error);
    else byPage.set(page, [...(byPage.get(page) ?? []), error]);
  }
  const out: Element[] = [];
  const others = [...byPage].sort(([a], [b]) => a - b);
  const count = (found: readonly AuditAnswerError[]): string => {
    const n = new Set(found.map((e) => e.itemId)).size;
    return n === 1 ? '1 answer' : `${n} answers`;
  };
  if (others.length <= 2) {
    for (const [page, found] of others) out.push(text(`⚠ Also check ${auditPageName(form, part, page)}: ${count(found)} to put right.`, { color: 'attention', spacing: 'small' }));
  } else {
    const numbers = others.map(([page]) => String(page + 1));
    out.push(
      text(
        `⚠ Also check pages ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]} of ${pages.length}: ${count(others.flatMap(([, found]) => found))} to put right, each marked on its page.`,
        { color: 'attention', spacing: 'small' },
      ),
    );
  }
  for (const error of nowhere) out.push(text(`⚠ ${error.message}`, { color: 'attention', spacing: 'small' }));
  return out;
}

/**
 * The records the auditor is to look at, and who had none: the framework asks for at least
 * one supervision record per supervisee, so a supervisee with nothing recorded is a finding
 * the auditor must see, not a gap that hides.
 */
function sampleBlock(sample: AuditSampleShown): Element {
  const items: Element[] = [
    text('Supervision records to audit', { weight: 'bolder' }),
    text(
      `Drawn at random on ${formatDate(sample.drawnOn)}: one session per supervisee, from the supervision ${sample.supervisor} recorded as held between ${formatDate(sample.period.start)} and ${formatDate(sample.period.end)}. Answer the questions below from these records.`,
      { spacing: 'small' },
    ),
  ];
  for (const pick of sample.picks) items.push(text(`• ${pick.supervisee}: supervision on ${pick.dates.map(formatDate).join(' and ')}`, { spacing: 'small' }));
  if (sample.picks.length === 0 && sample.withoutRecords.length === 0)
    items.push(text(`${sample.supervisor} supervised nobody when the sample was drawn, so there are no records to audit.`, { spacing: 'small' }));
  if (sample.withoutRecords.length > 0) {
    const who = sample.withoutRecords.join(', ');
    items.push(
      text(
        `No supervision recorded for ${sample.withoutRecords.length === 1 ? 'one supervisee' : `${sample.withoutRecords.length} supervisees`}: ${who}. There was nothing to sample for ${sample.withoutRecords.length === 1 ? 'them' : 'these people'}.`,
        { color: 'attention', weight: 'bolder', spacing: 'small' },
      ),
      text(
        `What to do: ask ${sample.supervisor} whether supervision took place. If it did, look at those notes instead and ask ${sample.supervisor} to record the sessions in the log (they type "supervision" to this bot). Either way, say so in your answers and add an action arising, so the gap is followed up.`,
        { spacing: 'small' },
      ),
    );
  }
  return container(items, { separator: true, spacing: 'medium' });
}

function button(title: string, data: AuditActionData, style?: 'positive'): Element {
  return style ? { type: 'Action.Submit', title, data, style } : { type: 'Action.Submit', title, data };
}

function itemLabel(item: AuditItem): string {
  return item.number !== undefined ? `${item.number}. ${item.text}` : item.text;
}

/** "question 7" or "box 3": how the comment box and the actions name their item. */
function itemName(item: AuditItem): string {
  if (item.number === undefined) return `"${item.text}"`;
  return `${item.kind === 'worker-box' ? 'box' : 'question'} ${item.number}`;
}

/**
 * One item: its words and input shown once on every host (see `labelled`), its guidance
 * under the input, then anything refused, as the survey's questions are laid out.
 */
function itemBlock(item: AuditItem, answer: AuditAnswer | undefined, errors: readonly AuditAnswerError[]): Element {
  const label = itemLabel(item);
  const words = `${label} ${item.required ? '(required)' : '(optional)'}`;
  const items: Element[] = [];
  switch (item.kind) {
    case 'rating': {
      const rated = answer?.kind === 'rating' ? answer : undefined;
      const choice = {
        type: 'Input.ChoiceSet',
        id: auditInputId.answer(item.id),
        style: 'expanded',
        wrap: true,
        choices: RATINGS.map((r) => ({ title: r.label, value: r.id })),
        ...(rated ? { value: rated.rating } : {}),
      };
      items.push(labelled(choice, words, { weight: 'bolder' }));
      if (item.hint) items.push(text(item.hint, { isSubtle: true, spacing: 'small' }));
      const rule = item.comment === 'always' ? 'required' : item.comment === 'unless-yes' ? 'required for Partly or No' : 'optional';
      items.push(textInput(auditInputId.comment(item.id), `Comment on ${itemName(item)} (${rule})`, rated?.comment, item.maxLength));
      break;
    }
    case 'text':
    case 'subject-comments':
    case 'worker-box':
      items.push(labelled(textBox(auditInputId.answer(item.id), answer?.kind === 'text' ? answer.text : undefined, item.maxLength), words, { weight: 'bolder' }));
      if (item.hint) items.push(text(item.hint, { isSubtle: true, spacing: 'small' }));
      break;
    case 'actions': {
      items.push(text(words, { weight: 'bolder' }));
      if (item.hint) items.push(text(item.hint, { isSubtle: true, spacing: 'small' }));
      const stored = answer?.kind === 'actions' ? answer.actions : [];
      const rows = Math.max(ACTION_ROWS, stored.length + 1);
      for (let row = 1; row <= rows; row++) {
        const a = stored[row - 1];
        // Who and when side by side: a row of actions stays short on a phone too.
        items.push(
          container(
            [
              textInput(auditInputId.action(item.id, row, 'action'), `Action ${row}`, a?.action, item.maxLength, false),
              {
                type: 'ColumnSet',
                spacing: 'small',
                columns: [
                  { type: 'Column', width: 'stretch', items: [textInput(auditInputId.action(item.id, row, 'owner'), 'Who will do it', a?.owner, 200, false)] },
                  { type: 'Column', width: 'stretch', items: [labelled({ type: 'Input.Date', id: auditInputId.action(item.id, row, 'due'), ...(a?.due ? { value: a.due } : {}) }, 'Due by')] },
                ],
              },
            ],
            { spacing: 'medium' },
          ),
        );
      }
      // The toggle's title is its words, beside the box, on every host.
      items.push({
        type: 'Input.Toggle',
        id: auditInputId.noActions(item.id),
        title: 'There are no actions arising',
        wrap: true,
        value: answer?.kind === 'actions' && stored.length === 0 ? 'true' : 'false',
      });
      break;
    }
  }
  for (const error of errors) items.push(text(`⚠ ${withoutItem(error.message, label)}`, { color: 'attention', weight: 'bolder', spacing: 'small' }));
  return container(items, { separator: true, spacing: 'medium' });
}

function textBox(id: string, value: string | undefined, maxLength: number, multiline = true): Element {
  return {
    type: 'Input.Text',
    id,
    maxLength,
    ...(multiline ? { isMultiline: true } : {}),
    ...(value !== undefined && value !== '' ? { value } : {}),
  };
}

function textInput(id: string, words: string, value: string | undefined, maxLength: number, multiline = true): Element {
  return labelled(textBox(id, value, maxLength, multiline), words);
}

/** Under its item, an error need not repeat the item: "Please answer this before submitting." */
function withoutItem(message: string, label: string): string {
  const prefix = `"${label}": `;
  if (!message.startsWith(prefix)) return message;
  const rest = message.slice(prefix.length);
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * What a card sent back, as input for `validateAuditForm` (and the audit record service):
 * the items of the page the card showed, by item id. Blank inputs become '' so that clearing
 * an answer clears it in the draft; an untouched set of action rows is "not answered", and
 * the toggle says "there are none".
 */
export function auditAnswersFromCard(form: AuditForm, part: AuditPart, page: number, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const blocks = auditFormPages(form, part)[page] ?? [];
  const str = (key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '');
  const out: Record<string, unknown> = {};
  for (const item of blocks.flatMap((b) => b.items)) {
    switch (item.kind) {
      case 'rating': {
        const rating = str(auditInputId.answer(item.id));
        const comment = str(auditInputId.comment(item.id));
        out[item.id] = rating.trim() === '' && comment.trim() === '' ? '' : { rating, comment };
        break;
      }
      case 'actions': {
        const rows: { action: string; owner: string; due: string }[] = [];
        for (let row = 1; row <= 50; row++) {
          const keys = (['action', 'owner', 'due'] as const).map((f) => auditInputId.action(item.id, row, f));
          if (!keys.some((k) => k in data)) break;
          const [action, owner, due] = keys.map(str) as [string, string, string];
          if (action.trim() !== '' || owner.trim() !== '' || due.trim() !== '') rows.push({ action, owner, due });
        }
        out[item.id] = rows.length > 0 ? rows : str(auditInputId.noActions(item.id)) === 'true' ? [] : '';
        break;
      }
      default:
        out[item.id] = str(auditInputId.answer(item.id));
    }
  }
  return out;
}
