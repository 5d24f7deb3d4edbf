/**
 * What the Health check page shows, worked out from the API's aggregates (pure, tested in
 * tests/tab). The wording follows the council's published report and the bot:
 * "65% say their caseload is fair and manageable (73% in 2022, 81% in 2019, 43% in 2017)".
 */
import { formatPrevious } from '../../../src/domain/results/format';
import type { BreakdownResults, ChangesDto, CycleDto, CycleResults, QuestionResult, ResponseRateDto, SectionDto } from '../../../src/server/api/types';
import type { TableData } from './csv';
import { formatChange, formatCount, formatPercent } from './format';

/** The cycles with results, in the picker's groups: the Health Check's years, then pulses. */
export function cycleGroups(cycles: readonly CycleDto[]): { readonly label: string; readonly cycles: readonly CycleDto[] }[] {
  const shown = cycles.filter((c) => c.hasResults);
  const pulses = shown.filter((c) => c.surveyKind === 'pulse');
  const checks = shown.filter((c) => c.surveyKind !== 'pulse');
  return [...(checks.length > 0 ? [{ label: 'Health Check', cycles: checks }] : []), ...(pulses.length > 0 ? [{ label: 'Pulse surveys', cycles: pulses }] : [])];
}

/** A trend table's column: the year of a Health Check, the title of a pulse. */
export function trendColumn(cycle: CycleDto): string {
  return cycle.surveyKind === 'pulse' ? cycle.title : cycle.year;
}

/** The newest cycle that has results to show, or undefined. */
export function defaultCycle(cycles: readonly CycleDto[]): CycleDto | undefined {
  const newest = [...cycles].filter((c) => c.hasResults).sort((a, b) => b.opensOn.localeCompare(a.opensOn));
  // The page opens on the latest Health Check; pulses are a choice away.
  return newest.find((c) => c.surveyKind !== 'pulse') ?? newest[0];
}

/** The question's headline in the seed's style, or undefined when it has none (or is hidden). */
export function headlineLine(q: QuestionResult): string | undefined {
  if (q.suppressed || !q.headline) return undefined;
  return `${formatPercent(q.headline.percent)} ${q.resultText}${formatPrevious(q.headline.previous)}`;
}

/** A reason from the server as a cell or line: "Hidden: …" (the server's words are kept as they are). */
export function hiddenText(reason: string | undefined): string {
  if (!reason) return 'Hidden to protect anonymity.';
  return /^(hidden|not shown)\b/i.test(reason) ? reason : `Hidden: ${reason}`;
}

/**
 * Each option's share: "Every month: 45% (50% in 2022)". Scale options nobody chose are left
 * out; About you answers hidden for anonymity say why.
 */
export function optionLines(q: QuestionResult): string[] {
  if (q.suppressed) return [];
  const shown = q.kind === 'scale' ? q.options.filter((o) => o.count !== 0) : q.options;
  return [
    ...shown.map((o) => `${o.label}: ${formatPercent(o.percent)}${o.count !== undefined ? ` (${formatCount(o.count)})` : ''}${formatPrevious(o.previous)}`),
    ...(q.hiddenOptions ?? []).map((o) => `${o.label}: ${hiddenText(o.suppressed)}`),
  ];
}

export interface SectionView {
  readonly id: string;
  readonly title: string;
  readonly questions: readonly QuestionResult[];
}

/** Questions grouped under their sections, in the questionnaire's order. */
export function sectionsOf(results: CycleResults, sections: readonly SectionDto[]): SectionView[] {
  const titles = new Map(sections.map((s) => [s.id, s.title]));
  const out: { id: string; title: string; questions: QuestionResult[] }[] = [];
  for (const q of results.questions) {
    let last = out[out.length - 1];
    if (!last || last.id !== q.section) {
      last = { id: q.section, title: titles.get(q.section) ?? q.section, questions: [] };
      out.push(last);
    }
    last.questions.push(q);
  }
  return out;
}

/** The table of a section: every figure as the page shows it (the CSV export uses this). */
export function sectionTable(cycleTitle: string, section: SectionView): TableData {
  return {
    title: `${cycleTitle}: ${section.title}`,
    columns: ['Question', 'Answered', 'Result'],
    rows: section.questions.map((q) => [
      q.text,
      q.n === null ? 'Not published' : formatCount(q.n),
      q.suppressed ? hiddenText(q.suppressed) : (headlineLine(q) ?? (optionLines(q).join('; ') || (q.kind === 'text' ? 'Free-text comments' : ''))),
    ]),
  };
}

/** A group's cell for one question: the headline percentage, the options, or why it is hidden. */
export function breakdownCell(q: QuestionResult | undefined): string {
  if (!q) return '';
  if (q.suppressed) return hiddenText(q.suppressed);
  if (q.headline) return formatPercent(q.headline.percent);
  if (q.kind === 'text') return q.n === null ? '' : `${formatCount(q.n)} comments`;
  return q.options
    .filter((o) => o.count !== 0)
    .map((o) => `${o.label} ${formatPercent(o.percent)}`)
    .join('; ');
}

const BY_LABEL: Readonly<Record<string, string>> = { role: 'role', team: 'team', service: 'service', 'length-of-service': 'length of service' };

/**
 * Questions down, groups across; hidden groups and cells say why. About you questions are
 * never shown inside groups: one row says so instead of one per question.
 */
export function breakdownTable(results: BreakdownResults): TableData {
  const groups = results.groups;
  const aboutYou = (index: number) => groups.some((g) => g.questions[index]?.aboutYou === true);
  const aboutYouReason = groups.flatMap((g) => g.questions).find((q) => q.aboutYou)?.suppressed;
  return {
    title: `${results.title} by ${BY_LABEL[results.by] ?? results.by}`,
    columns: ['Question', ...groups.map((g) => (g.respondents === null ? g.label : `${g.label} (${formatCount(g.respondents)})`))],
    rows: [
      ['Respondents', ...groups.map((g) => (g.respondents === null ? hiddenText(g.suppressed) : formatCount(g.respondents)))],
      ...results.questions
        .map((q, index) => ({ q, index }))
        .filter(({ q, index }) => q.kind !== 'text' && !aboutYou(index))
        .map(({ q, index }) => [q.resultText || q.text, ...groups.map((g) => (g.respondents === null ? 'Hidden' : breakdownCell(g.questions[index])))]),
      ...(aboutYouReason ? [['About you questions', ...groups.map((g) => (g.respondents === null ? 'Hidden' : hiddenText(aboutYouReason)))]] : []),
    ],
  };
}

export function changesTable(changes: ChangesDto, kind: 'rises' | 'falls'): TableData {
  const list = changes[kind];
  return {
    title: kind === 'rises' ? 'Largest rises' : 'Largest falls',
    columns: ['Question', 'Now', `In ${list[0]?.previousYear ?? 'the cycle before'}`, 'Change'],
    rows: list.map((c) => [`${c.resultText} (${c.label})`, formatPercent(c.percent), formatPercent(c.previousPercent), formatChange(c.change)]),
  };
}

export function responseRateText(rate: ResponseRateDto): string {
  const o = rate.overall;
  if (o.percent === undefined || o.respondents === undefined) return o.hiddenReason ?? 'Hidden to protect anonymity.';
  if (o.atLeast) return `At least ${formatPercent(o.percent)} (${formatCount(o.respondents)} or more of ${formatCount(o.audience)})`;
  return `${formatPercent(o.percent)} (${formatCount(o.respondents)} of ${formatCount(o.audience)})`;
}

/** While a cycle is open: how the live figures move, so nobody reads a step as one person. */
export function liveRateNote(rate: ResponseRateDto): string | undefined {
  if (!rate.asOf) return undefined;
  return `Counted once an hour (last at ${rate.asOf.slice(11, 16)} UTC) and in steps of ${formatCount(rate.step ?? rate.threshold)} while the survey is open, so that the figures do not show when someone answers.`;
}

export function teamRatesTable(rate: ResponseRateDto): TableData {
  return {
    title: `${rate.title}: response rate by team`,
    columns: ['Team', 'Asked', 'Answered', 'Response rate'],
    rows: rate.teams.map((t) => [
      t.name,
      formatCount(t.audience),
      t.respondents === undefined ? hiddenText(t.hiddenReason) : t.atLeast ? `${formatCount(t.respondents)} or more` : formatCount(t.respondents),
      t.percent === undefined ? 'Hidden' : t.atLeast ? `At least ${formatPercent(t.percent)}` : formatPercent(t.percent),
    ]),
  };
}
