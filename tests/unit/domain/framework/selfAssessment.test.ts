import { checkItemChange, prefilledItems, ratingCounts, refreshedItems, submitProblems, type EvidenceInputs } from '../../../../src/domain/framework/selfAssessment';
import { EMPLOYER_STANDARDS } from '../../../../src/domain/standards/standards';

const inputs: EvidenceInputs = {
  standards: EMPLOYER_STANDARDS.map((s, i) => ({
    id: s.id,
    number: s.number,
    title: s.title,
    score: i === 6 ? null : 60 + i,
    band: i === 6 ? null : 'moderate',
    items:
      i === 2
        ? [
            { kind: 'survey', label: 'say their caseload is fair and manageable', score: 65 },
            { kind: 'measure', label: 'Cases allocated', score: null, why: 'No 39-steps returns for this cycle.' },
          ]
        : [],
  })),
  compliance: [
    { activity: 'supervision-audit', label: 'Staff supervision audit', summary: '80% completed on time (8 of 10 due so far)' },
    { activity: 'practice-standards-audit', label: 'Practice standards audit', summary: 'nothing due yet' },
    { activity: 'caseload-workload-audit', label: 'Caseload and workload audit', summary: '100% completed on time (8 of 8 due so far)' },
  ],
  caseloads: { from: '2026-07', to: '2026-09', average: 17.25, level: 30, aboveLevel: 2, teams: 8 },
  orgData: { cycleId: '2026-27', returned: 6, teams: 8 },
  focusGroupThemes: [{ area: 'workload', summary: 'Allocation meetings help', date: '2026-11-12' }],
};

describe("a self-assessment pre-filled with the app's evidence", () => {
  it('has one item per employer standard for the national standards audit, with its score, survey and 39-steps items, and related evidence', () => {
    const items = prefilledItems('national-standards', inputs);
    expect(items.map((i) => i.id)).toEqual(EMPLOYER_STANDARDS.map((s) => s.id));
    const safe = items.find((i) => i.id === 'safe-workloads')!;
    expect(safe.title).toBe('Standard 3: Safe workloads and case allocation');
    expect(safe.evidence).toEqual([
      { source: 'survey', label: 'Standard 3: Safe workloads and case allocation', figure: '62 out of 100 (moderate)' },
      { source: 'survey', label: 'say their caseload is fair and manageable', figure: '65 out of 100' },
      { source: '39-steps', label: 'Cases allocated', figure: 'No figure: No 39-steps returns for this cycle.' },
      { source: 'audits', label: 'Caseload and workload audit', figure: '100% completed on time (8 of 8 due so far)' },
      { source: 'caseloads', label: 'Average caseload, 2026-07 to 2026-09', figure: '17.3 open cases a worker; 2 workers above the level of 30' },
      { source: 'focus-groups', label: 'Focus group, 2026-11-12 (Effective workload management)', figure: 'Allocation meetings help' },
    ]);
    expect(items.find((i) => i.id === 'partnerships')?.evidence[0]?.figure).toBe('Not scored yet');
    expect(items.find((i) => i.id === 'workforce-planning')?.evidence.at(-1)).toEqual({ source: '39-steps', label: '39 steps returns', figure: '6 of 8 teams returned their figures for 2026-27' });
    expect(items.every((i) => i.rating === null && i.comment === '' && i.actionIds.length === 0)).toBe(true);
  });

  it('has the five areas of the health check for the annual health check', () => {
    const items = prefilledItems('health-check', inputs);
    expect(items.map((i) => i.title)).toEqual([
      'Effective workload management',
      'Proactive workflow management',
      'Having the right tools to do the job',
      'A healthy workplace',
      'Effective service delivery',
    ]);
    expect(items[4]?.evidence.map((e) => e.label)).toEqual(['Practice standards audit']);
  });

  it('refreshes evidence without touching ratings, comments or the improvement plan', () => {
    const rated = prefilledItems('health-check', inputs).map((i) => ({ ...i, rating: 'met' as const, comment: 'ok', actionIds: ['act-1'] }));
    const fresh = refreshedItems(rated, 'health-check', { ...inputs, caseloads: { ...inputs.caseloads, average: 12 } });
    expect(fresh[0]?.evidence.find((e) => e.source === 'caseloads')?.figure).toMatch(/^12\.0 open cases/);
    expect(fresh.every((i) => i.rating === 'met' && i.comment === 'ok' && i.actionIds[0] === 'act-1')).toBe(true);
  });
});

describe('rating, commenting and submitting', () => {
  const [item] = prefilledItems('health-check', inputs);
  it('takes a rating from the list and a comment within its length', () => {
    expect(checkItemChange({ rating: 'partly-met', comment: ' Waiting lists in two teams. ' }, item!)).toEqual({ ok: true, value: { rating: 'partly-met', comment: 'Waiting lists in two teams.' } });
    expect(checkItemChange({ rating: 'amber' }, item!)).toEqual({ ok: false, errors: [{ field: 'rating', message: 'Rate it met, partly met or not met.' }] });
    expect(checkItemChange({}, item!).ok).toBe(false);
  });

  it('is submitted only when every item is rated and every item not met says why', () => {
    const items = prefilledItems('health-check', inputs);
    expect(submitProblems({ status: 'draft', items })).toHaveLength(5);
    const rated = items.map((i, n) => ({ ...i, rating: n === 0 ? ('not-met' as const) : ('met' as const) }));
    expect(submitProblems({ status: 'draft', items: rated }).map((e) => e.message)).toEqual(['Effective workload management: say in a comment why it is not met.']);
    expect(submitProblems({ status: 'draft', items: rated.map((i) => ({ ...i, comment: 'x' })) })).toEqual([]);
    expect(submitProblems({ status: 'submitted', items: rated })[0]?.message).toBe('It is already waiting for endorsement.');
    expect(ratingCounts(rated)).toEqual({ met: 4, 'partly-met': 0, 'not-met': 1, unrated: 0 });
  });
});
