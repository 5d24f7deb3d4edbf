import { RATINGS, type AuditAnswer, type AuditAnswers, type AuditForm, type AuditItem, type AuditPart, type AuditSection } from '../../domain/audit/forms/types';
import type { AuditAnswerError } from '../../domain/audit/forms/validate';
import { adaptiveCard, container, formatDate, text, type Element } from './elements';
import { AUDIT_VERBS, auditInputId, type AuditActionData, type AuditVerb } from './auditVerbs';
import type { AdaptiveCard } from './types';

/**
 * An audit form (Appendices 1–4) as Adaptive Cards, one part at a time (the auditor's, the
 * person audited's, the observer's or the worker's). A part is split into pages of at most
 * `ITEMS_PER_PAGE` items, with Next and Back as in the survey, so a page filled to every
 * length limit stays well under Teams' 40 KB: Appendices 2 and 3 have 20 items in one section.
 * Same conventions as the survey cards: schema 1.2 with labels, `Action.Submit` only, no
 * `isRequired` (the server checks, so Save draft and Back are never blocked).
 */

/** Most items on one page. */
export const ITEMS_PER_PAGE = 6;
/** Rows for actions arising shown on a card, at least (more if more are stored). */
export const ACTION_ROWS = 3;

export interface AuditPageBlock {
  readonly section: AuditSection;
  readonly items: readonly AuditItem[];
  /** Whether this block starts its section (its intro is shown). */
  readonly first: boolean;
}

/** The pages of one part of a form: sections in order, long sections split, short ones joined. */
export function auditFormPages(form: AuditForm, part: AuditPart): readonly (readonly AuditPageBlock[])[] {
  const pages: AuditPageBlock[][] = [];
  let current: AuditPageBlock[] = [];
  let count = 0;
  for (const section of form.sections.filter((s) => s.part === part)) {
    for (let i = 0; i < section.items.length; i += ITEMS_PER_PAGE) {
      const items = section.items.slice(i, i + ITEMS_PER_PAGE);
      if (count + items.length > ITEMS_PER_PAGE && current.length > 0) {
        pages.push(current);
        current = [];
        count = 0;
      }
      current.push({ section, items, first: i === 0 });
      count += items.length;
    }
  }
  if (current.length > 0) pages.push(current);
  return pages;
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
  const elsewhere = errors.filter((e) => !onPage.has(e.itemId));
  const placed = errors.filter((e) => onPage.has(e.itemId));

  const body: Element[] = [text(form.title, { isSubtle: true, size: 'small' })];
  const pageNote = pages.length > 1 ? ` (page ${pageIndex + 1} of ${pages.length})` : '';
  body.push(text(`${PART_TITLES[part]}${pageNote}`, { size: 'medium', weight: 'bolder', spacing: 'small' }));
  if (input.amend) body.push(text('You are amending an audit you sent. Each page you change is recorded as an amendment, with your name and the time, and the person audited is asked to look again.', { spacing: 'small', color: 'accent' }));
  const about = [input.people?.subject ? `About: ${input.people.subject}` : undefined, input.people?.lead ? `Led by: ${input.people.lead}` : undefined, `Due: ${formatDate(task.due)}`];
  body.push(text(about.filter((s): s is string => s !== undefined).join(' · '), { isSubtle: true, spacing: 'small' }));
  if (input.sample && part === form.lead) body.push(sampleBlock(input.sample));
  const itemsWithErrors = new Set(placed.map((e) => e.itemId)).size;
  if (itemsWithErrors > 0) body.push(text(itemsWithErrors === 1 ? 'Please check the answer marked below.' : `Please check the ${itemsWithErrors} answers marked below.`, { color: 'attention', weight: 'bolder' }));
  for (const error of elsewhere) body.push(text(`⚠ ${error.message}`, { color: 'attention', spacing: 'small' }));

  for (const block of blocks) {
    body.push(text(block.section.title, { weight: 'bolder', spacing: 'large', separator: true }));
    if (block.first && block.section.intro) body.push(text(block.section.intro, { spacing: 'small' }));
    for (const item of block.items) body.push(itemBlock(item, answers[item.id], placed.filter((e) => e.itemId === item.id)));
  }

  const data = (verb: AuditVerb): AuditActionData => ({ verb, taskId: task.id, part, page: pageIndex, ...(input.amend ? { revision: input.amend.revision } : {}) });
  const last = pageIndex === pages.length - 1;
  const actions: Element[] = [];
  const submitTitle = input.amend ? 'Send amendment' : part === form.lead ? 'Submit audit' : 'Submit my part';
  if (last) actions.push(button(submitTitle, data(AUDIT_VERBS.submit), 'positive'));
  else actions.push(button('Next', data(AUDIT_VERBS.next), 'positive'));
  if (!input.amend) actions.push(button('Save draft', data(AUDIT_VERBS.save)));
  if (pageIndex > 0) actions.push(button('Back', data(AUDIT_VERBS.back)));
  return adaptiveCard({ fallbackText: `${form.title}: ${PART_TITLES[part]}${pageNote}.`, body, actions });
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
  if (sample.picks.length === 0 && sample.withoutRecords.length === 0) items.push(text(`${sample.supervisor} supervised nobody when the sample was drawn, so there are no records to audit.`, { spacing: 'small' }));
  if (sample.withoutRecords.length > 0) {
    const who = sample.withoutRecords.join(', ');
    items.push(
      text(`No supervision recorded for ${sample.withoutRecords.length === 1 ? 'one supervisee' : `${sample.withoutRecords.length} supervisees`}: ${who}. There was nothing to sample for ${sample.withoutRecords.length === 1 ? 'them' : 'these people'}.`, { color: 'attention', weight: 'bolder', spacing: 'small' }),
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

function itemBlock(item: AuditItem, answer: AuditAnswer | undefined, errors: readonly AuditAnswerError[]): Element {
  const label = itemLabel(item);
  const mark = item.required ? '(required)' : '(optional)';
  const items: Element[] = [text(`${label} ${mark}`, { weight: 'bolder' })];
  for (const error of errors) items.push(text(`⚠ ${withoutItem(error.message, label)}`, { color: 'attention', weight: 'bolder', spacing: 'small' }));
  if (item.hint) items.push(text(item.hint, { isSubtle: true, spacing: 'small' }));
  switch (item.kind) {
    case 'rating': {
      const rated = answer?.kind === 'rating' ? answer : undefined;
      items.push({
        type: 'Input.ChoiceSet',
        id: auditInputId.answer(item.id),
        label: `${label} ${mark}`,
        style: 'expanded',
        wrap: true,
        choices: RATINGS.map((r) => ({ title: r.label, value: r.id })),
        ...(rated ? { value: rated.rating } : {}),
      });
      const rule = item.comment === 'always' ? 'required' : item.comment === 'unless-yes' ? 'required for Partly or No' : 'optional';
      items.push(textInput(auditInputId.comment(item.id), `Comment on ${item.number ?? item.text} (${rule})`, rated?.comment, item.maxLength));
      break;
    }
    case 'text':
    case 'subject-comments':
    case 'worker-box':
      items.push(textInput(auditInputId.answer(item.id), `${label} ${mark}`, answer?.kind === 'text' ? answer.text : undefined, item.maxLength));
      break;
    case 'actions': {
      const stored = answer?.kind === 'actions' ? answer.actions : [];
      const rows = Math.max(ACTION_ROWS, stored.length);
      for (let row = 1; row <= rows; row++) {
        const a = stored[row - 1];
        items.push(
          container(
            [
              textInput(auditInputId.action(item.id, row, 'action'), `Action ${row}`, a?.action, item.maxLength, false),
              textInput(auditInputId.action(item.id, row, 'owner'), `Who will do action ${row}`, a?.owner, 200, false),
              { type: 'Input.Date', id: auditInputId.action(item.id, row, 'due'), label: `Action ${row} due by`, ...(a?.due ? { value: a.due } : {}) },
            ],
            { spacing: 'small' },
          ),
        );
      }
      items.push({
        type: 'Input.Toggle',
        id: auditInputId.noActions(item.id),
        label: 'No actions',
        title: 'There are no actions arising',
        wrap: true,
        value: answer?.kind === 'actions' && stored.length === 0 ? 'true' : 'false',
      });
      break;
    }
  }
  return container(items, { separator: true, spacing: 'medium' });
}

function textInput(id: string, label: string, value: string | undefined, maxLength: number, multiline = true): Element {
  return {
    type: 'Input.Text',
    id,
    label,
    maxLength,
    ...(multiline ? { isMultiline: true } : {}),
    ...(value !== undefined && value !== '' ? { value } : {}),
  };
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
