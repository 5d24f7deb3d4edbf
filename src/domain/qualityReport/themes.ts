/**
 * Key themes the PSW tags from audit comments and actions for a quarter (the council's Practice Quality Assurance Framework: "Any
 * recurrent themes arising from the audit processes"). The note is the PSW's own summary:
 * the report never copies a form's free text, which names people.
 */
export const MAX_THEME_LENGTH = 80;
export const MAX_NOTE_LENGTH = 500;

export interface ThemeInput {
  readonly theme: string;
  readonly source: string;
  readonly note: string;
}

export function checkTheme(input: ThemeInput): string[] {
  const problems: string[] = [];
  const theme = input.theme.trim();
  if (theme === '') problems.push('The theme is missing: a few words, e.g. "Recording of mental capacity".');
  else if (theme.length > MAX_THEME_LENGTH) problems.push(`The theme is ${theme.length} characters; keep it to ${MAX_THEME_LENGTH} and put the detail in the note.`);
  if (input.note.trim().length > MAX_NOTE_LENGTH) problems.push(`The note is longer than ${MAX_NOTE_LENGTH} characters.`);
  return problems;
}

export interface ThemeSummary {
  readonly theme: string;
  /** How many times it was tagged this quarter. */
  readonly times: number;
  readonly sources: readonly string[];
  readonly notes: readonly string[];
}

/** Themes most often tagged first, then by name; a theme's case and spacing do not split it. */
export function summariseThemes(tags: readonly ThemeInput[]): ThemeSummary[] {
  const groups = new Map<string, ThemeInput[]>();
  for (const t of tags) {
    const key = t.theme.trim().toLowerCase().replace(/\s+/g, ' ');
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  return [...groups.values()]
    .map((list) => ({
      theme: list[0]!.theme.trim(),
      times: list.length,
      sources: [...new Set(list.map((t) => t.source.trim()).filter((s) => s !== ''))],
      notes: list.map((t) => t.note.trim()).filter((n) => n !== ''),
    }))
    .sort((a, b) => b.times - a.times || a.theme.localeCompare(b.theme));
}
