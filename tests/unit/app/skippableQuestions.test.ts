/**
 * Questions that may be skipped. The council's published figures show people skipping
 * questions (2024/25: the PCF question was answered by 31 of the 36 social workers, the
 * complex-case support question by 81 of 82 respondents), and each figure is a share of
 * those who answered. So the Health Check says, question by question, whether it may be
 * skipped; only the questions the survey is routed or broken down by must be answered; an
 * export with blanks imports; and the published figures come back from the raw answers.
 */
import { checkRows, type ImportRow } from '../../../src/app/importResponses';
import { publishedCycles } from '../../../src/domain/history/published';
import { HEADLINE } from '../../../src/domain/history/types';
import { asIsoDate } from '../../../src/domain/shared/brand';
import { liveResults } from '../../../src/domain/results/live';
import { tally } from '../../../src/domain/results/tally';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import { allQuestions } from '../../../src/domain/survey/rules';
import type { Condition } from '../../../src/domain/survey/types';

const questions = allQuestions(healthCheck).map((q) => q.question);

function routedBy(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(routedBy);
  if ('any' in c) return c.any.flatMap(routedBy);
  if ('not' in c) return routedBy(c.not);
  return [c.question];
}

describe('which Health Check questions may be skipped', () => {
  const routing = new Set(questions.flatMap((q) => (q.showIf ? routedBy(q.showIf) : [])));
  const breakdowns = new Set(Object.values(healthCheck.breakdowns));

  it('needs an answer to every question that routes the survey or breaks the results down', () => {
    expect([...routing].sort()).toEqual(['care-director-trained', 'role']);
    for (const id of [...routing, ...breakdowns]) expect({ id, required: questions.find((q) => q.id === id)?.required }).toEqual({ id, required: true });
  });

  it('lets every other question be skipped', () => {
    const required = questions.filter((q) => q.required && !routing.has(q.id) && !breakdowns.has(q.id)).map((q) => q.id);
    expect(required).toEqual([]);
  });
});

/** 2024/25 as the council counted it: 82 respondents, 36 social workers. */
function councilExport(): ImportRow[] {
  const rows: Record<string, string>[] = [];
  const roles = [...Array<string>(36).fill('social-worker'), ...Array<string>(35).fill('social-care-professional'), ...Array<string>(11).fill('occupational-therapist')];
  roles.forEach((role, i) => {
    const row: Record<string, string> = { role, team: 'hospital', 'length-of-service': 'over-10', 'care-director-trained': 'yes' };
    // 31 of the 36 social workers answered the PCF question; 27 of them said yes (87%).
    if (role === 'social-worker') row['pcf-mapped'] = i < 27 ? 'yes' : i < 31 ? 'no' : '';
    // 81 of 82 answered on complex-case support; 66 of them completely or to a great extent (81%).
    row['complex-case-support'] = i < 33 ? 'completely' : i < 66 ? 'great-extent' : i < 81 ? 'partially' : '';
    rows.push(row);
  });
  // As a CSV export gives them: every column on every row, blank where skipped.
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return rows.map((r, i) => ({ line: i + 2, values: Object.fromEntries(columns.map((c) => [c, r[c] ?? ''])) }));
}

describe('an export with blanks', () => {
  it('imports: blanks in questions that may be skipped are skipped answers', () => {
    const { responses, problems } = checkRows(healthCheck, councilExport(), asIsoDate('2025-03-01'));
    expect(problems).toEqual([]);
    expect(responses).toHaveLength(82);
    expect(responses[40]?.answers['pcf-mapped']).toBeUndefined();
  });

  it('is refused where a question that routes the survey is blank, naming the row', () => {
    const rows = councilExport();
    // A social care professional's row, which answers nothing asked only of one role.
    rows[40] = { ...rows[40]!, values: { ...rows[40]!.values, role: '' } };
    const { problems } = checkRows(healthCheck, rows, asIsoDate('2025-03-01'));
    expect(problems).toEqual([{ line: 42, questionId: 'role', message: '"What is your role?": please answer this question.' }]);
  });

  it('gives back the figures the council published for 2024/25, each a share of those who answered', () => {
    const { responses } = checkRows(healthCheck, councilExport(), asIsoDate('2025-03-01'));
    const results = liveResults(
      tally(
        healthCheck,
        responses.map((r) => r.answers),
      ),
      { cycle: '2024-25', title: '2024/25', year: '2024', opensOn: '2024-10-01', threshold: 5, textThreshold: 10 },
      [],
    );
    const published = publishedCycles.find((c) => c.id === '2024-25')!;
    const figure = (question: string, option: string) => published.figures.find((f) => f.question === question && f.option === option)?.percent;

    const pcf = results.questions.find((q) => q.id === 'pcf-mapped')!;
    expect(pcf.n).toBe(31);
    expect(pcf.options.find((o) => o.id === 'yes')?.percent).toBe(figure('pcf-mapped', 'yes'));

    const complex = results.questions.find((q) => q.id === 'complex-case-support')!;
    expect(complex.n).toBe(81);
    expect(complex.headline?.percent).toBe(figure('complex-case-support', HEADLINE));
  });
});
