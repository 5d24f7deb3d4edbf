import { measureById, ORG_MEASURES, type MeasureDefinition, type OrgMeasures } from './measures';

/**
 * A team manager's 39-steps return, checked: every required figure there, no negative counts,
 * FTE that makes sense (vacancies, agency cover and absence cannot exceed the posts), shares
 * 0–100. Values may come as text (a CSV, a card) or numbers; answers are in plain words.
 */
export interface OrgDataReturnProblem {
  readonly measure: string;
  readonly message: string;
}

export type OrgDataReturnCheck = { readonly ok: true; readonly measures: OrgMeasures } | { readonly ok: false; readonly problems: readonly OrgDataReturnProblem[] };

const MAX_FTE = 500;

function readValue(d: MeasureDefinition, raw: unknown): { value?: number | boolean; problem?: string } {
  if (d.kind === 'yes-no') {
    if (typeof raw === 'boolean') return { value: raw };
    const word = String(raw).trim().toLowerCase();
    if (['yes', 'y', 'true'].includes(word)) return { value: true };
    if (['no', 'n', 'false'].includes(word)) return { value: false };
    return { problem: `"${String(raw)}" should be yes or no.` };
  }
  const n = typeof raw === 'number' ? raw : Number(String(raw).trim().replace(/%$/, ''));
  if (!Number.isFinite(n)) return { problem: `"${String(raw)}" is not a number.` };
  if (n < 0) return { problem: `cannot be below 0 (it says ${n}).` };
  switch (d.kind) {
    case 'count':
      return Number.isInteger(n) ? { value: n } : { problem: `should be a whole number (it says ${n}).` };
    case 'fte':
      if (n > MAX_FTE) return { problem: `${n} FTE is more than any team has: give the team's FTE, not hours.` };
      return Math.abs(n * 100 - Math.round(n * 100)) < 1e-9 ? { value: n } : { problem: `give FTE to two decimal places at most (it says ${n}).` };
    case 'percent':
      return n <= 100 ? { value: n } : { problem: `is a share, so at most 100 (it says ${n}).` };
    default:
      return d.max !== undefined && n > d.max ? { problem: `${n} is more than ${d.max}; please check it.` } : { value: n };
  }
}

export function checkOrgDataReturn(input: Readonly<Record<string, unknown>>): OrgDataReturnCheck {
  const problems: OrgDataReturnProblem[] = [];
  const measures: Record<string, number | boolean> = {};
  for (const key of Object.keys(input)) {
    if (!measureById.has(key)) problems.push({ measure: key, message: `"${key}" is not one of the 39-steps figures this return collects.` });
  }
  for (const d of ORG_MEASURES) {
    const raw = input[d.id];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (d.required) problems.push({ measure: d.id, message: `${d.label} (step ${d.step}) is needed.` });
      continue;
    }
    const { value, problem } = readValue(d, raw);
    if (problem !== undefined) problems.push({ measure: d.id, message: `${d.label} (step ${d.step}): ${problem}` });
    else if (value !== undefined) measures[d.id] = value;
  }
  const posts = measures['establishment-fte'];
  if (typeof posts === 'number') {
    if (posts === 0) problems.push({ measure: 'establishment-fte', message: 'Posts in the team (FTE) cannot be 0: a team with no posts has no return to make.' });
    for (const id of ['unfilled-posts-fte', 'long-term-absence-fte'] as const) {
      const v = measures[id];
      if (typeof v === 'number' && v > posts) problems.push({ measure: id, message: `${measureById.get(id)?.label} (${v}) cannot be more than the posts in the team (${posts}).` });
    }
    const agency = measures['agency-cover-fte'];
    if (typeof agency === 'number' && agency > posts)
      problems.push({ measure: 'agency-cover-fte', message: `Agency cover (${agency} FTE) is more than the posts in the team (${posts}): count only staff covering the team's posts.` });
    const unfilled = measures['unfilled-posts-fte'];
    const absent = measures['long-term-absence-fte'];
    if (typeof unfilled === 'number' && typeof absent === 'number' && unfilled + absent > posts) {
      problems.push({ measure: 'long-term-absence-fte', message: `Unfilled posts and long-term absence together (${unfilled + absent} FTE) are more than the posts in the team (${posts}).` });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, measures };
}

/** Vacancy rate as a share of posts, the figure the employer standards read: `null` without posts. */
export function vacancyPercent(measures: OrgMeasures): number | null {
  const posts = measures['establishment-fte'];
  const unfilled = measures['unfilled-posts-fte'];
  return typeof posts === 'number' && posts > 0 && typeof unfilled === 'number' ? (unfilled / posts) * 100 : null;
}
