/**
 * Whether a piece of free text names someone in the directory. Focus group notes and a
 * thematic review's findings are records about practice, not about people: the framework's
 * focus groups are candid because nobody is named, and the Quality Report that carries their
 * themes names nobody. So such text is checked before it is saved and refused, with the name
 * found, if it names anyone.
 *
 * What counts as naming someone: their name as the directory has it (any case, any spacing),
 * their first and last name where the directory gives more, and a title with their surname
 * ("Mrs Patel", "Dr Okafor"). A first name alone is not flagged: many are everyday words
 * ("Grace", "Hope", "Will") and a first name alone rarely identifies someone in a service of
 * hundreds. Pure: the caller passes the people.
 */

export interface NameFound {
  /** The words as they appear in the text, e.g. "amara adeyemi". */
  readonly found: string;
}

const TITLES = ['mr', 'mrs', 'ms', 'miss', 'mx', 'dr'];

/** Letters and digits only, lower case, one space between words: how text and names are compared. */
function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en-GB')
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '');
}

/** The word sequences that name a person, e.g. ["amara adeyemi"], ["mrs adeyemi", …]. */
export function namingPhrases(displayName: string): string[] {
  const parts = words(displayName);
  if (parts.length < 2) return [];
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  const phrases = new Set<string>([parts.join(' '), `${first} ${last}`]);
  // A one-letter surname would make "Mr A" match almost any initial.
  if (last.length > 1) for (const t of TITLES) phrases.add(`${t} ${last}`);
  return [...phrases];
}

/**
 * The names of people in `displayNames` found in `text`, each once, in the order found.
 * Whole words only: "Ben Brown" is not found inside "Bench Browning".
 */
export function namesIn(text: string, displayNames: readonly string[]): NameFound[] {
  const tokens = words(text);
  if (tokens.length < 2) return [];
  const joined = ` ${tokens.join(' ')} `;
  const found: NameFound[] = [];
  const seen = new Set<string>();
  const phrases = new Set(displayNames.flatMap(namingPhrases));
  for (const phrase of phrases) {
    if (seen.has(phrase) || !joined.includes(` ${phrase} `)) continue;
    seen.add(phrase);
    found.push({ found: phrase });
  }
  // A longer phrase ("amara jane adeyemi") makes its parts ("amara adeyemi") say nothing new.
  return found
    .filter((f) => !found.some((g) => g !== f && g.found.includes(f.found) && g.found.length > f.found.length))
    .sort((a, b) => joined.indexOf(` ${a.found} `) - joined.indexOf(` ${b.found} `));
}

/** Title case of a found phrase for a message: "amara adeyemi" → "Amara Adeyemi". */
export function shownName(found: NameFound): string {
  return found.found.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => `${space}${letter.toLocaleUpperCase('en-GB')}`);
}

/** The one message for text that names someone: what was found and what to write instead. */
export function namedMessage(where: string, found: readonly NameFound[]): string {
  const names = found.map((f) => `"${shownName(f)}"`).join(', ');
  return `${where} names ${found.length === 1 ? 'someone' : 'people'} in the staff directory (${names}). Notes and findings must not name anyone: write "a social worker", "a team manager" or "one person" instead.`;
}
