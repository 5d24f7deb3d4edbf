/**
 * The tab's charts as data (pure, tested in tests/tab): what each chart draws, its text
 * alternative and its table, worked out from the API's figures. A figure the server hid is
 * drawn as nothing and said in words (the text alternative, the table), never as 0. Each
 * label is written once here and used by the chart, its accessible labels and its table, so
 * a legend never says "Social Worker" where the table says "Social worker".
 */
import { BUCKET_LABELS, type ComplianceBucket } from '../../../src/domain/audit/compliance';
import type { CaseloadsDto, ComplianceRow, CycleResults, QuestionResult, RateGrowthDto, StandardScore } from '../../../src/server/api/types';
import type { TableData } from './csv';
import { formatCount, formatDay, formatDecimal, formatPercent } from './format';
import { hiddenText, type SectionView } from './healthCheck';
import { caseloadTeamsTable, periodText, standardsTable } from './reports';
import { complianceTable } from './tables';

/** Colours by meaning; the chart picks theme-safe ones for each (and never relies on colour alone). */
export type ChartTone = 'low' | 'moderate' | 'high' | 'now' | 'then' | 'earlier-1' | 'earlier-2' | 'earlier-3' | 'level' | 'late' | 'overdue' | 'due-soon' | 'not-yet-due';

export interface ChartPoint {
  readonly category: string;
  readonly value: number;
  /** What a screen reader hears for this bar or marker: the category, the figure and the series. */
  readonly label: string;
}

/** Bars side by side in each category, with lines across them (a level) or markers (earlier years). */
export interface GroupedSpec {
  readonly kind: 'grouped';
  readonly categories: readonly string[];
  readonly bars: readonly { readonly legend: string; readonly tone: ChartTone; readonly points: readonly ChartPoint[] }[];
  readonly lines: readonly { readonly legend: string; readonly tone: ChartTone; readonly style: 'dashed' | 'markers'; readonly points: readonly ChartPoint[] }[];
  readonly yMax: number;
  /** Where the y axis is marked: at the bands' edges for the standards. */
  readonly yTicks?: readonly number[];
  /** Bands of the y axis named on the chart (low, moderate, high). */
  readonly bands?: readonly { readonly from: number; readonly to: number; readonly label: string }[];
  readonly yTitle: string;
}

/** One bar per row, split into parts (audits by how they stand). */
export interface StackedRowsSpec {
  readonly kind: 'stacked-rows';
  readonly yTitle: string;
  readonly rows: readonly { readonly label: string; readonly segments: readonly { readonly legend: string; readonly tone: ChartTone; readonly value: number; readonly label: string }[] }[];
}

/** Lines over a numeric axis (a cycle's days). */
export interface LinesSpec {
  readonly kind: 'lines';
  readonly xTitle: string;
  readonly yTitle: string;
  readonly yMax: number;
  readonly series: readonly { readonly legend: string; readonly tone: ChartTone; readonly points: readonly { readonly x: number; readonly y: number; readonly label: string }[] }[];
}

export type ChartSpec = GroupedSpec | StackedRowsSpec | LinesSpec;

export interface ChartModel {
  /** For `data-testid="chart-<id>"`. */
  readonly id: string;
  readonly title: string;
  /** The chart in words, for everyone who does not look at it. */
  readonly alt: string;
  /** The figures behind it, as the page's table and its CSV. */
  readonly table: TableData;
  /** `data-key` of each table row, for links and tests. */
  readonly rowKeys?: readonly string[];
  /** `undefined` when there is nothing to draw (the text alternative says why). */
  readonly spec: ChartSpec | undefined;
}

const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

// ───────────────────────────── standards ─────────────────────────────

/** The LGA health check's bands, as the standards service scores them. */
export const BANDS: readonly { readonly band: 'low' | 'moderate' | 'high'; readonly legend: string; readonly from: number; readonly to: number }[] = [
  { band: 'low', legend: 'Low (0–50)', from: 0, to: 50 },
  { band: 'moderate', legend: 'Moderate (51–74)', from: 51, to: 74 },
  { band: 'high', legend: 'High (75–100)', from: 75, to: 100 },
];

/** The band's word, as the standards table writes it in its Level column. */
export const BAND_WORD: Readonly<Record<'low' | 'moderate' | 'high', string>> = { low: 'Low', moderate: 'Moderate', high: 'High' };

export function standardsChart(standards: readonly StandardScore[]): ChartModel {
  const scored = standards.filter((s): s is StandardScore & { score: number; band: 'low' | 'moderate' | 'high' } => s.score !== null && s.band !== null);
  const unscored = standards.filter((s) => s.score === null).map((s) => s.title);
  const bars = BANDS.map((b) => ({
    legend: b.legend,
    tone: b.band,
    points: scored.filter((s) => s.band === b.band).map((s) => ({ category: s.title, value: s.score, label: `${s.title}: ${formatCount(s.score)} out of 100 (${BAND_WORD[b.band]})` })),
  })).filter((b) => b.points.length > 0);
  const byBand = BANDS.map((b) => {
    const inBand = scored.filter((s) => s.band === b.band).sort((x, y) => y.score - x.score);
    return `${BAND_WORD[b.band]} (${b.from}–${b.to}): ${inBand.length === 0 ? 'none' : list(inBand.map((s) => `${s.title} ${formatCount(s.score)}`))}.`;
  });
  return {
    id: 'standards',
    title: 'Scores out of 100, by standard',
    alt: `Bars of each standard's score on a scale of 0 to 100, with the bands marked at 50 and 75. ${byBand.join(' ')}${unscored.length > 0 ? ` Not scored: ${list(unscored)}.` : ''}`,
    table: standardsTable(standards),
    rowKeys: standards.map((s) => s.id),
    spec:
      scored.length === 0
        ? undefined
        : {
            kind: 'grouped',
            categories: standards.map((s) => s.title),
            bars,
            lines: [],
            yMax: 100,
            yTicks: [0, 50, 75, 100],
            bands: BANDS.map((b) => ({ from: b.from, to: b.to, label: BAND_WORD[b.band] })),
            yTitle: 'Score out of 100',
          },
  };
}

// ───────────────────────────── caseloads ─────────────────────────────

/** The table's own headings, so the legend and the table say the same. */
const NOW = 'Average open cases';
const THEN = '2019/20';

export function caseloadsChart(dto: CaseloadsDto): ChartModel {
  const { teams, level, period } = dto.audit;
  const table = caseloadTeamsTable(dto);
  const now = teams.flatMap((t) =>
    t.average.published === null
      ? []
      : [{ category: t.name, value: t.average.published, label: `${t.name}: ${formatDecimal(t.average.published)} open cases per worker (${NOW}, ${periodText(period)})` }],
  );
  const then = teams.flatMap((t) => {
    const p = t.previous.find((x) => x.audit === '2019-20');
    return p ? [{ category: t.name, value: p.average, label: `${t.name}: ${formatDecimal(p.average)} open cases per worker (${THEN})` }] : [];
  });
  const levelLegend = `Level: ${formatCount(level)} cases`;
  const above = teams.filter((t) => t.average.published !== null && t.average.published > level).map((t) => t.name);
  const sorted = [...now].sort((a, b) => b.value - a.value);
  const higher = teams.filter((t) => {
    const p = t.previous.find((x) => x.audit === '2019-20');
    return p && t.average.published !== null && t.average.published > p.average;
  }).length;
  const compared = teams.filter((t) => t.previous.some((x) => x.audit === '2019-20') && t.average.published !== null).length;
  const top = sorted[0];
  const bottom = sorted[sorted.length - 1];
  return {
    id: 'caseloads',
    title: `Average open cases per worker by team, ${periodText(period)}`,
    alt:
      now.length === 0
        ? `No team has an average for ${periodText(period)}.`
        : `Bars of each team's average open cases per worker, ${periodText(period)}, beside its 2019/20 average, with the level of ${formatCount(level)} cases as a line. ` +
          `Highest: ${top?.category} ${formatDecimal(top?.value ?? 0)}; lowest: ${bottom?.category} ${formatDecimal(bottom?.value ?? 0)}. ` +
          `${above.length === 0 ? 'No team is above the level on average.' : `Above the level on average: ${list(above)}.`} ` +
          `${compared > 0 ? `Against 2019/20, ${formatCount(higher)} of ${formatCount(compared)} teams are higher.` : ''}`.trim(),
    table,
    rowKeys: teams.map((t) => t.teamId),
    spec:
      now.length === 0
        ? undefined
        : {
            kind: 'grouped',
            categories: teams.map((t) => t.name),
            bars: [{ legend: NOW, tone: 'now', points: now }, ...(then.length > 0 ? [{ legend: THEN, tone: 'then' as const, points: then }] : [])],
            lines: [{ legend: levelLegend, tone: 'level', style: 'dashed', points: teams.map((t) => ({ category: t.name, value: level, label: `${t.name}: ${levelLegend}` })) }],
            ...(() => {
              // Round steps of 10 cases, with room above the highest bar and the level.
              const top = Math.ceil((Math.max(level, ...now.map((p) => p.value), ...then.map((p) => p.value)) * 1.1) / 10) * 10;
              return { yMax: top, yTicks: Array.from({ length: top / 10 + 1 }, (_, i) => i * 10) };
            })(),
            yTitle: 'Open cases per worker',
          },
  };
}

// ───────────────────────────── audit compliance ─────────────────────────────

/** The parts of a bar, in the order they are drawn: done first, then what is still to do. */
const DRAWN: readonly { readonly bucket: ComplianceBucket; readonly tone: ChartTone }[] = [
  { bucket: 'completedOnTime', tone: 'high' },
  { bucket: 'completedLate', tone: 'late' },
  { bucket: 'overdue', tone: 'overdue' },
  { bucket: 'dueSoon', tone: 'due-soon' },
  { bucket: 'notYetDue', tone: 'not-yet-due' },
];

export function complianceChart(id: string, title: string, by: string, rows: readonly ComplianceRow[]): ChartModel {
  const drawn = rows.filter((r) => DRAWN.some((d) => r.counts[d.bucket] > 0));
  const none = rows.filter((r) => !drawn.includes(r)).map((r) => r.label);
  const lowest = [...drawn].filter((r) => r.shareOnTime !== null).sort((a, b) => (a.shareOnTime as number) - (b.shareOnTime as number))[0];
  return {
    id,
    title,
    alt:
      drawn.length === 0
        ? 'No audits are planned for this year yet.'
        : `One bar for each ${by.toLowerCase()}, split into audits ${list(DRAWN.map((d) => BUCKET_LABELS[d.bucket].toLowerCase()))}. ` +
          drawn.map((r) => `${r.label}: ${r.summary === 'Nothing due yet' ? 'nothing due yet' : r.summary}, ${formatCount(r.counts.overdue)} overdue.`).join(' ') +
          (lowest ? ` Lowest share on time: ${lowest.label}.` : '') +
          (none.length > 0 ? ` None this year: ${list(none)}.` : ''),
    table: complianceTable(title, by, rows),
    spec:
      drawn.length === 0
        ? undefined
        : {
            kind: 'stacked-rows',
            yTitle: 'Audits',
            rows: drawn.map((r) => ({
              label: r.label,
              segments: DRAWN.map((d) => ({
                legend: BUCKET_LABELS[d.bucket],
                tone: d.tone,
                value: r.counts[d.bucket],
                label: `${r.label}: ${formatCount(r.counts[d.bucket])} ${BUCKET_LABELS[d.bucket].toLowerCase()}`,
              })),
            })),
          },
  };
}

// ───────────────────────────── response rate as it grew ─────────────────────────────

const rateCell = (f: RateGrowthDto['series'][number]['points'][number]['figure']): string => {
  if (f.percent === undefined || f.respondents === undefined) return hiddenText(f.hiddenReason);
  return f.atLeast
    ? `At least ${formatPercent(f.percent)} (${formatCount(f.respondents)} or more of ${formatCount(f.audience)})`
    : `${formatPercent(f.percent)} (${formatCount(f.respondents)} of ${formatCount(f.audience)})`;
};

export function growthChart(dto: RateGrowthDto): ChartModel {
  const series = dto.series.map((s, i) => ({
    legend: s.title,
    tone: (i === 0 ? 'now' : 'then') as ChartTone,
    points: s.points.flatMap((p) =>
      p.figure.percent === undefined ? [] : [{ x: p.day, y: p.figure.percent, label: `${s.title}, day ${p.day} (${formatDay(p.date)}): ${rateCell(p.figure).replace(/^At least/, 'at least')}` }],
    ),
  }));
  const days = Math.max(0, ...dto.series.map((s) => s.points.length));
  const current = dto.series[0];
  const last = current?.points[current.points.length - 1];
  const beside = dto.series[1];
  const sameDay = last && beside ? beside.points.find((p) => p.day === last.day) : undefined;
  const final = beside?.points[beside.points.length - 1];
  const words = [
    `The response rate at the end of each day of the survey${beside ? ', beside the survey before it on the same day of its run' : ''}. Counted in steps of ${formatCount(dto.threshold)}; a day with too few answers (or too few not answered) is left out.`,
    current && last ? `${current.title}: ${rateCell(last.figure).replace(/^At least/, 'at least')} by day ${last.day}.` : '',
    beside && sameDay
      ? `${beside.title}: ${rateCell(sameDay.figure).replace(/^At least/, 'at least')} by day ${sameDay.day}${final && final !== sameDay ? `, and ${rateCell(final.figure).replace(/^At least/, 'at least')} when it closed on day ${final.day}` : ''}.`
      : '',
    ...dto.notes,
  ].filter((w) => w !== '');
  return {
    id: 'response-rate',
    title: `Response rate by day: ${dto.title}`,
    alt: words.join(' '),
    table: {
      title: `Response rate by day: ${dto.title}`,
      columns: ['Day', ...dto.series.flatMap((s) => [`${s.title}: date`, s.title])],
      rows: Array.from({ length: days }, (_, i) => [
        String(i + 1),
        ...dto.series.flatMap((s) => {
          const p = s.points[i];
          return p ? [formatDay(p.date), rateCell(p.figure)] : ['', ''];
        }),
      ]),
    },
    spec: series.every((s) => s.points.length === 0) ? undefined : { kind: 'lines', xTitle: 'Day of the survey', yTitle: 'Response rate (%)', yMax: 100, series },
  };
}

// ───────────────────────────── Health Check questions ─────────────────────────────

type Headlined = QuestionResult & { readonly headline: NonNullable<QuestionResult['headline']> };

/**
 * A section's questions as bars of this cycle's figure with the earlier years as markers, as
 * the council's infographic shows them. `year` is how this cycle is named beside the others
 * ("2024"). Questions without a headline figure are left to the text; hidden ones are said in
 * words and drawn as nothing.
 */
export function questionsChart(results: CycleResults, section: SectionView, year: string): ChartModel | undefined {
  const questions = section.questions.filter((q) => q.headline !== undefined || (q.suppressed !== undefined && q.kind !== 'text' && !q.aboutYou));
  if (questions.length === 0) return undefined;
  const shown = questions.filter((q): q is Headlined => !q.suppressed && q.headline !== undefined);
  const hidden = questions.filter((q) => q.suppressed);
  const years = [...new Set(shown.flatMap((q) => q.headline.previous.map((p) => p.year)))].sort((a, b) => b.localeCompare(a));
  const tones: readonly ChartTone[] = ['earlier-1', 'earlier-2', 'earlier-3'];
  const earlier = years.slice(0, tones.length);
  const markers = earlier.map((y, i) => ({
    legend: y,
    tone: tones[i] as ChartTone,
    style: 'markers' as const,
    points: shown.flatMap((q) => {
      const p = q.headline.previous.find((x) => x.year === y);
      return p ? [{ category: q.resultText, value: p.percent, label: `${q.resultText}: ${formatPercent(p.percent)} in ${y}` }] : [];
    }),
  }));
  const title = `${section.title}: this cycle and earlier years`;
  return {
    id: `questions-${section.id}`,
    title,
    alt:
      `Bars of the share giving each answer counted in ${year}, with ${earlier.length > 0 ? `the earlier years (${list(earlier)}) as markers` : 'no earlier years to compare'}. ` +
      shown
        .map(
          (q) =>
            `${formatPercent(q.headline.percent)} ${q.resultText}${q.headline.previous.length > 0 ? ` (${q.headline.previous.map((p) => `${formatPercent(p.percent)} in ${p.year}`).join(', ')})` : ''}.`,
        )
        .join(' ') +
      (hidden.length > 0 ? ` Not shown: ${hidden.map((q) => `${q.resultText || q.text} (${hiddenText(q.suppressed)})`).join('; ')}.` : ''),
    table: {
      title: `${results.title}: ${section.title}`,
      columns: ['Question', year, ...earlier],
      rows: questions.map((q) => [
        q.resultText || q.text,
        q.suppressed ? hiddenText(q.suppressed) : formatPercent((q as Headlined).headline.percent),
        ...earlier.map((y) => {
          const p = q.headline?.previous.find((x) => x.year === y);
          return p ? formatPercent(p.percent) : 'Not compared';
        }),
      ]),
    },
    spec:
      shown.length === 0
        ? undefined
        : {
            kind: 'grouped',
            categories: shown.map((q) => q.resultText),
            bars: [
              {
                legend: year,
                tone: 'now',
                points: shown.map((q) => ({ category: q.resultText, value: q.headline.percent, label: `${q.resultText}: ${formatPercent(q.headline.percent)} in ${year}` })),
              },
            ],
            lines: markers.filter((m) => m.points.length > 0),
            yMax: 100,
            yTitle: 'Share (%)',
          },
  };
}
