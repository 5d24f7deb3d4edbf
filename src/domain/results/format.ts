import type { Questionnaire } from '../survey/types';
import type { BreakdownResults, CycleResults, PreviousFigure, QuestionResult } from './types';

/**
 * "(73% in 2022, 81% in 2019, 43% in 2017)", or '' when there is nothing earlier. Beside a
 * pulse: "(58% in Supervision pulse, autumn 2026; 65% in the 2024 Health Check)".
 */
export function formatPrevious(previous: readonly PreviousFigure[]): string {
  if (previous.length === 0) return '';
  const labelled = previous.some((p) => p.label !== undefined);
  return ` (${previous.map((p) => `${p.percent}% in ${p.label ?? p.year}`).join(labelled ? '; ' : ', ')})`;
}

function sectionTitles(questionnaire: Questionnaire): Map<string, string> {
  return new Map(questionnaire.sections.map((s) => [s.id, s.title]));
}

function optionLine(o: QuestionResult['options'][number]): string {
  const share = o.count !== undefined ? `${o.count} (${o.percent}%)` : `${o.percent}%`;
  return `  • ${o.label}: ${share}${formatPrevious(o.previous)}`;
}

function questionLines(q: QuestionResult): string[] {
  const lines = [`${q.text}${q.n !== null ? `  [n=${q.n}]` : ''}`];
  if (q.suppressed) return [...lines, `  ${q.suppressed}`];
  if (q.headline) lines.push(`  ${q.headline.percent}% ${q.resultText}${formatPrevious(q.headline.previous)}`);
  if (q.mean !== undefined) lines.push(`  Average ${q.mean}`);
  const shown = q.kind === 'scale' ? q.options.filter((o) => o.count !== 0) : q.options;
  lines.push(...shown.map(optionLine));
  lines.push(...(q.hiddenOptions ?? []).map((o) => `  • ${o.label}: ${o.suppressed}`));
  if (q.comments) lines.push(...q.comments.map((c) => `  “${c}”`));
  else if (q.kind === 'text' && q.n !== null) lines.push(`  ${q.n} comments (shown to the PSW in the tab).`);
  for (const nc of q.notComparable ?? []) lines.push(`  Not compared with ${nc.cycle}: ${nc.reason}`);
  return lines;
}

/** Results as the council publishes them, one section after another. */
export function formatResults(questionnaire: Questionnaire, results: CycleResults): string {
  const titles = sectionTitles(questionnaire);
  const out = [
    results.title,
    `${results.respondents} respondents${results.published ? ' (published results: figures as the council published them)' : ''}`,
    `Groups smaller than ${results.threshold} are hidden (free-text comments: ${results.textThreshold}).`,
  ];
  if (results.suppressed) return [...out, '', results.suppressed].join('\n');
  let section = '';
  for (const q of results.questions) {
    if (q.section !== section) {
      section = q.section;
      out.push('', titles.get(section) ?? section);
    }
    out.push(...questionLines(q));
  }
  return out.join('\n');
}

/** Whether a group's cell is an About you question, never shown inside groups. */
const aboutYouCell = (results: BreakdownResults, qi: number): boolean => results.groups.some((g) => g.questions[qi]?.aboutYou === true);

/** One question at a time, each group on its own line. */
export function formatBreakdown(questionnaire: Questionnaire, results: BreakdownResults): string {
  const titles = sectionTitles(questionnaire);
  const out = [
    `${results.title}, by ${results.by.replace(/-/g, ' ')}`,
    `${results.respondents} respondents. ${hiddenRule(results.threshold)}`,
    '',
    ...results.groups.map((g) => `  ${g.label}: ${g.respondents === null ? (g.suppressed ?? 'hidden') : `${g.respondents} respondents`}`),
  ];
  if (results.suppressed) return [...out, '', results.suppressed].join('\n');
  const aboutYou = results.questions.filter((_, qi) => aboutYouCell(results, qi));
  if (aboutYou.length > 0) out.push('', `${aboutYou.map((q) => `"${q.text}"`).join(', ')}: ${results.groups.flatMap((g) => g.questions).find((c) => c.aboutYou)?.suppressed ?? ''}`);
  let section = '';
  results.questions.forEach((overall, qi) => {
    if (aboutYouCell(results, qi)) return;
    if (overall.section !== section) {
      section = overall.section;
      out.push('', titles.get(section) ?? section);
    }
    out.push(overall.text);
    for (const g of results.groups) {
      const cell = g.questions[qi];
      if (!cell) continue;
      if (cell.suppressed) {
        out.push(`  ${g.label}: ${cell.suppressed}`);
        continue;
      }
      const figures = cell.headline
        ? `${cell.headline.percent}% ${cell.headline.label}`
        : cell.options
            .filter((o) => o.count !== 0)
            .map((o) => `${o.label} ${o.percent}%`)
            .join(', ');
      out.push(`  ${g.label} [n=${cell.n}]: ${figures}`);
    }
  });
  return out.join('\n');
}

/** The rule in one sentence, for the top of a breakdown (CLI and tab). */
export function hiddenRule(threshold: number): string {
  return `Groups smaller than ${threshold} are hidden, and so is any group or figure that would let a smaller group be worked out by subtraction or by comparing views (other breakdowns, the whole cycle).`;
}
