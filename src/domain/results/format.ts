import type { Questionnaire } from '../survey/types';
import type { BreakdownResults, CycleResults, PreviousFigure, QuestionResult } from './types';

/** "(73% in 2022, 81% in 2019, 43% in 2017)", or '' when there is nothing earlier. */
export function formatPrevious(previous: readonly PreviousFigure[]): string {
  return previous.length === 0 ? '' : ` (${previous.map((p) => `${p.percent}% in ${p.year}`).join(', ')})`;
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

/** One question at a time, each group on its own line. */
export function formatBreakdown(questionnaire: Questionnaire, results: BreakdownResults): string {
  const titles = sectionTitles(questionnaire);
  const out = [
    `${results.title}, by ${results.by.replace(/-/g, ' ')}`,
    `${results.respondents} respondents. Groups smaller than ${results.threshold} are hidden, and so is any group that would let a hidden one be worked out by subtraction.`,
    '',
    ...results.groups.map((g) => `  ${g.label}: ${g.respondents === null ? g.suppressed ?? 'hidden' : `${g.respondents} respondents`}`),
  ];
  if (results.suppressed) return [...out, '', results.suppressed].join('\n');
  let section = '';
  results.questions.forEach((overall, qi) => {
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
        : cell.options.filter((o) => o.count !== 0).map((o) => `${o.label} ${o.percent}%`).join(', ');
      out.push(`  ${g.label} [n=${cell.n}]: ${figures}`);
    }
  });
  return out.join('\n');
}
