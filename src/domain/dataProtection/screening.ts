/**
 * Screening free text before it is kept: survey comments, audit notes, focus group notes.
 * Names of people in the staff directory, email addresses and case numbers are masked, and
 * the person is told what was taken out and why. A hint asking people not to name anyone is
 * not enough: comments are read word for word by the Principal Social Worker, and an audit
 * note is a named record that travels to SharePoint.
 *
 * Pure: the directory's names come in, precompiled once (`nameScreen`).
 */

export type FindingKind = 'name' | 'email' | 'case-number';

export const MASKS: Readonly<Record<FindingKind, string>> = {
  name: '[name removed]',
  email: '[email removed]',
  'case-number': '[case number removed]',
};

export interface Screened {
  /** The text as it is kept. */
  readonly text: string;
  /** What was taken out: one entry per masked piece. */
  readonly found: readonly FindingKind[];
}

/** One name as the screen looks for it: its words in lower case and the text around and between them. */
interface NameForm {
  readonly words: readonly string[];
  /** What stands between word i and word i + 1, exactly ("Worker-Jones": "-"). */
  readonly between: readonly string[];
  /** Anything before the first word or after the last that is not a letter or digit ("(Agency)"). */
  readonly before: string;
  readonly after: string;
}

/**
 * The directory's names, ready to look for: full names and surnames filed under their first
 * word, so a text is read once, word by word, whatever the size of the directory. One regular
 * expression with an alternative for every person was a tenth of the thread answering people
 * when a whole council sent its answers at once (`bench:burst`, CPU profile).
 */
export interface NameScreen {
  readonly fullNames: ReadonlyMap<string, readonly NameForm[]>;
  readonly surnames: ReadonlyMap<string, readonly NameForm[]>;
}

/** A run of letters and digits: the unit names are matched in, as a whole (no "Sam" inside "Samuel"). */
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);

function formOf(name: string): NameForm | undefined {
  const words: string[] = [];
  const between: string[] = [];
  let end = -1;
  let before = '';
  for (const match of name.matchAll(WORD)) {
    if (end === -1) before = name.slice(0, match.index);
    else between.push(name.slice(end, match.index));
    words.push(match[0].toLowerCase());
    end = match.index + match[0].length;
  }
  return words.length === 0 ? undefined : { words, between, before, after: name.slice(end) };
}

function file(into: Map<string, NameForm[]>, form: NameForm | undefined): void {
  if (!form) return;
  const key = form.words[0]!;
  const forms = into.get(key) ?? [];
  forms.push(form);
  into.set(key, forms);
}

/**
 * Full names from the directory ("Sam Worker"), and a title with a surname ("Ms Worker").
 * First names alone are not masked: too many are ordinary words ("Will", "Hope") for a mask to
 * be right more often than wrong. Names of two letters or fewer are left out for the same reason.
 */
export function nameScreen(people: readonly { readonly displayName: string }[]): NameScreen {
  const full = new Set<string>();
  const surnames = new Set<string>();
  for (const p of people) {
    const name = p.displayName.trim().replace(/\s+/g, ' ');
    if (name.length < 3 || !name.includes(' ')) continue;
    full.add(name.toLowerCase());
    const last = name.split(' ').at(-1) ?? '';
    if (last.length >= 3) surnames.add(last.toLowerCase());
  }
  const fullNames = new Map<string, NameForm[]>();
  const surnameForms = new Map<string, NameForm[]>();
  for (const name of full) file(fullNames, formOf(name));
  for (const name of surnames) file(surnameForms, formOf(name));
  return { fullNames, surnames: surnameForms };
}

interface Word {
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

/** Where `form` ends if it is found in `text` from word `i` (its first word already matched), else -1. */
function endOf(text: string, words: readonly Word[], i: number, form: NameForm): number {
  const first = words[i]!;
  const start = first.start - form.before.length;
  if (start < 0 || text.slice(start, first.start) !== form.before || (start > 0 && WORD_CHAR.test(text[start - 1]!))) return -1;
  for (let j = 1; j < form.words.length; j++) {
    const word = words[i + j];
    if (!word || word.lower !== form.words[j] || text.slice(words[i + j - 1]!.end, word.start) !== form.between[j - 1]) return -1;
  }
  const end = words[i + form.words.length - 1]!.end + form.after.length;
  if (text.slice(end - form.after.length, end) !== form.after || (end < text.length && WORD_CHAR.test(text[end]!))) return -1;
  return end;
}

/** Where the longest name starting at word `i` ends, with where it starts, if there is one. */
function nameAt(text: string, words: readonly Word[], i: number, names: NameScreen): { readonly start: number; readonly end: number } | undefined {
  const word = words[i]!;
  let found: { start: number; end: number } | undefined;
  const consider = (start: number, end: number) => {
    if (end !== -1 && (!found || end - start > found.end - found.start)) found = { start, end };
  };
  for (const form of names.fullNames.get(word.lower) ?? []) consider(word.start - form.before.length, endOf(text, words, i, form));
  // A title, perhaps with a full stop, one space, then a surname.
  const next = words[i + 1];
  if (TITLES.has(word.lower) && next) {
    const gap = text.slice(word.end, next.start);
    for (const form of names.surnames.get(next.lower) ?? []) {
      if (gap !== ` ${form.before}` && gap !== `. ${form.before}`) continue;
      consider(word.start, endOf(text, words, i + 1, { ...form, before: '' }));
    }
  }
  return found;
}

function maskNames(text: string, names: NameScreen, found: FindingKind[]): string {
  if (names.fullNames.size === 0) return text;
  const words: Word[] = [];
  for (const match of text.matchAll(WORD)) words.push({ lower: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  let out = '';
  let copied = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.start < copied) continue;
    const name = nameAt(text, words, i, names);
    if (!name || name.start < copied) continue;
    out += text.slice(copied, name.start) + MASKS.name;
    found.push('name');
    copied = name.end;
  }
  return out + text.slice(copied);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * A case number: six or more digits, perhaps in groups (an NHS number is 3-3-4; Care Director
 * and Mosaic ids are 6 to 10 digits), perhaps after a letter prefix ("CD123456"). Years,
 * days and small figures stay.
 */
const CASE_NUMBER = /(?<![\p{L}\p{N}])(?:[A-Z]{1,3}-?)?\d(?:[ -]?\d){5,}(?![\p{L}\p{N}])/gu;

/**
 * Masks what must not be kept. `allow` leaves one kind in: the audit form's case identifier
 * is there to hold a case number (and nothing else that names anyone).
 */
export function screenFreeText(text: string, names: NameScreen, options: { readonly allow?: readonly FindingKind[] } = {}): Screened {
  const allow = new Set(options.allow ?? []);
  const found: FindingKind[] = [];
  let out = text;
  const mask = (kind: FindingKind, pattern: RegExp | undefined) => {
    if (!pattern || allow.has(kind)) return;
    out = out.replace(pattern, (match) => {
      // A date (2026-05-04) is not a case number.
      if (kind === 'case-number' && /^\d{4}-\d{2}-\d{2}$/.test(match)) return match;
      found.push(kind);
      return MASKS[kind];
    });
  };
  // Emails first: an address can hold a name and digits.
  mask('email', EMAIL);
  if (!allow.has('name')) out = maskNames(out, names, found);
  mask('case-number', CASE_NUMBER);
  return { text: out, found };
}

/** What to tell the person, in their words: what was taken out of which box, and why. */
export function explainScreening(found: readonly FindingKind[], where: string): string | undefined {
  if (found.length === 0) return undefined;
  const count = (k: FindingKind, one: string, many: string) => {
    const n = found.filter((f) => f === k).length;
    return n === 0 ? [] : [n === 1 ? `1 ${one}` : `${n} ${many}`];
  };
  const parts = [...count('name', 'name', 'names'), ...count('email', 'email address', 'email addresses'), ...count('case-number', 'case number', 'case numbers')];
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `We took ${list} out of ${where} before saving it, so that it cannot identify anyone. Please check it still says what you meant.`;
}
