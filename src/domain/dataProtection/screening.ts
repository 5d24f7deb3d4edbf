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

/** The directory's names, ready to look for. */
export interface NameScreen {
  readonly pattern: RegExp | undefined;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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
    full.add(name);
    const last = name.split(' ').at(-1) ?? '';
    if (last.length >= 3) surnames.add(last);
  }
  if (full.size === 0) return { pattern: undefined };
  // Longest first, so "Sam Worker-Jones" wins over "Sam Worker".
  const alternatives = [...[...full].map(escape), ...[...surnames].map((s) => `(?:Mr|Mrs|Ms|Miss|Mx|Dr)\\.? ${escape(s)}`)].sort((a, b) => b.length - a.length);
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu') };
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
  mask('name', names.pattern);
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
