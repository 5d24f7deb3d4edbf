import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { caseloadAudit } from '../../../src/domain/caseloads/audit';
import { distribution, oneDecimal, periodAverage } from '../../../src/domain/caseloads/averages';
import { checkCaseloadRows } from '../../../src/domain/caseloads/importRows';
import { CASELOAD_AUDIT_2019_20 } from '../../../src/domain/caseloads/published';
import { caseloadQuestionsBeside } from '../../../src/domain/caseloads/survey';
import { defaultAuditPeriod, parsePeriod, type CaseloadEntry } from '../../../src/domain/caseloads/types';
import { managersOf, viewFor, withoutNames } from '../../../src/domain/caseloads/visibility';
import type { Organisation } from '../../../src/domain/organisation/types';
import type { BreakdownResults, CycleResults, QuestionResult } from '../../../src/domain/results/types';
import { asUserId } from '../../../src/domain/shared/brand';

const PERIOD_2019 = { from: '2019-07', to: '2019-09' };

/** A team's month: `workers` people whose open cases add up to `total` (spread as evenly as whole numbers allow). */
function month(teamId: string, m: string, workers: number, total: number): CaseloadEntry[] {
  return Array.from({ length: workers }, (_, i) => ({
    workerId: asUserId(`${teamId}-${i}`),
    workerName: `${teamId} worker ${i}`,
    teamId,
    month: m,
    openCases: Math.floor(total / workers) + (i < total % workers ? 1 : 0),
    weights: {},
    source: 'import' as const,
  }));
}

describe("caseload averages by the method of the council's Caseload and Workload Audit 2019/20", () => {
  it("averages each month's team average over the three months, not every worker-month pooled", () => {
    // Intake was short in August: 12.0, 16.0 and 13.4 a worker → (12 + 16 + 13.4) / 3 = 13.8, the published figure.
    const intake = [...month('intake', '2019-07', 10, 120), ...month('intake', '2019-08', 5, 80), ...month('intake', '2019-09', 10, 134)];
    const result = periodAverage(intake);
    expect(result.months.map((m) => m.average)).toEqual([12, 16, 13.4]);
    expect(result.published).toBe(13.8);
    // Pooling the 25 worker-months would give 334 / 25 = 13.36, which the seed did not publish.
    expect(oneDecimal(334 / 25)).toBe(13.4);
  });

  it('reproduces every published 2019/20 team average from monthly inputs that fit it', () => {
    // The seed publishes only the averages, not the inputs; these inputs vary month to month
    // (−1.0, +1.5, −0.5 around the figure, with 10, 8 and 10 workers) and must give it back.
    const entries = CASELOAD_AUDIT_2019_20.averages.flatMap(({ teamId, average }) => [
      ...month(teamId, '2019-07', 10, Math.round((average - 1) * 10)),
      ...month(teamId, '2019-08', 8, Math.round((average + 1.5) * 8)),
      ...month(teamId, '2019-09', 10, Math.round((average - 0.5) * 10)),
    ]);
    const audit = caseloadAudit(entries, demoOrganisation(), PERIOD_2019, { history: [CASELOAD_AUDIT_2019_20] });
    for (const published of CASELOAD_AUDIT_2019_20.averages) {
      const team = audit.teams.find((t) => t.teamId === published.teamId);
      expect({ team: published.label, average: team?.average.published }).toEqual({ team: published.label, average: published.average });
      expect(team?.previous).toEqual([{ audit: '2019-20', average: published.average }]);
    }
  });

  it('rounds half away from zero to one decimal, as a report prints it', () => {
    expect(oneDecimal(20.65)).toBe(20.7);
    expect(oneDecimal(20.64)).toBe(20.6);
  });

  it("gives each service area the same method over all its teams' workers, not a mean of team averages", () => {
    // Hospital 4 workers × 30, intake 12 workers × 10 in the same month: 240 / 16 = 15, not (30 + 10) / 2 = 20.
    const entries = [...month('hospital', '2019-07', 4, 120), ...month('intake', '2019-07', 12, 120)];
    const audit = caseloadAudit(entries, demoOrganisation(), PERIOD_2019);
    expect(audit.serviceAreas.find((a) => a.serviceArea === 'hospital-and-intake')?.average.published).toBe(15);
  });

  it("gives the spread per team (median, quartiles, highest) from each worker's own average", () => {
    expect(distribution([10, 20, 30, 40])).toEqual({ workers: 4, lowest: 10, lowerQuartile: 17.5, median: 25, upperQuartile: 32.5, highest: 40 });
    expect(distribution([])).toBeNull();
  });

  it('weights caseloads only where weights were given', () => {
    const plain = month('hospital', '2019-07', 2, 40);
    expect(periodAverage(plain).weightedAverage).toBeNull();
    const weighted = plain.map((e, i) => (i === 0 ? { ...e, weights: { complexity: 1.5, travel: 2 } } : e));
    // (20 × 1.5 × 2 + 20) / 2 = 40
    expect(periodAverage(weighted).weightedAverage).toBe(40);
  });

  it('reads the audit period, defaulting to July–September of the last complete one', () => {
    expect(parsePeriod('2026-07..2026-09')).toEqual({ from: '2026-07', to: '2026-09' });
    expect(parsePeriod('2026-09..2026-07')).toBeUndefined();
    expect(parsePeriod('July')).toBeUndefined();
    expect(defaultAuditPeriod('2026-11-23')).toEqual({ from: '2026-07', to: '2026-09' });
    expect(defaultAuditPeriod('2026-08-01')).toEqual({ from: '2025-07', to: '2025-09' });
  });
});

describe('who sees a worker above the caseload level', () => {
  const org: Organisation = {
    teams: [
      { id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' },
      { id: 'intake', name: 'Intake', serviceArea: 'hospital-and-intake' },
    ],
    people: [
      { id: asUserId('psw'), displayName: 'Pat', role: 'principal-social-worker', teamId: undefined, lineManagerId: undefined, supervisorId: undefined },
      { id: asUserId('sm'), displayName: 'Sol', role: 'service-manager', teamId: undefined, lineManagerId: asUserId('psw'), supervisorId: undefined },
      { id: asUserId('tm-h'), displayName: 'Tia', role: 'team-manager', teamId: 'hospital', lineManagerId: asUserId('sm'), supervisorId: undefined },
      { id: asUserId('tm-i'), displayName: 'Ivo', role: 'team-manager', teamId: 'intake', lineManagerId: asUserId('sm'), supervisorId: undefined },
      { id: asUserId('sw-1'), displayName: 'Wes', role: 'social-worker', teamId: 'hospital', lineManagerId: asUserId('tm-h'), supervisorId: undefined },
      { id: asUserId('sw-2'), displayName: 'Ada', role: 'social-worker', teamId: 'intake', lineManagerId: asUserId('tm-i'), supervisorId: undefined },
    ],
  };
  const entry = (workerId: string, teamId: string, openCases: number): CaseloadEntry => ({
    workerId: asUserId(workerId),
    workerName: workerId,
    teamId,
    month: '2026-07',
    openCases,
    weights: {},
    source: 'import',
  });
  const audit = caseloadAudit([entry('sw-1', 'hospital', 35), entry('sw-2', 'intake', 33), entry('tm-h', 'hospital', 5)], org, { from: '2026-07', to: '2026-09' }, { level: 30 });

  it('flags both to the full audit, highest first, and counts them per team', () => {
    expect(audit.aboveLevel.map((w) => w.workerId)).toEqual(['sw-1', 'sw-2']);
    expect(audit.teams.map((t) => [t.teamId, t.aboveLevel])).toEqual([
      ['hospital', 1],
      ['intake', 1],
    ]);
  });

  it('shows a team manager only the workers they manage', () => {
    expect(viewFor(audit, { id: asUserId('tm-h') }, org).aboveLevel.map((w) => w.workerId)).toEqual(['sw-1']);
    expect(viewFor(audit, { id: asUserId('tm-i') }, org).aboveLevel.map((w) => w.workerId)).toEqual(['sw-2']);
  });

  it('shows managers further up their chain, and nobody else (not the worker next door)', () => {
    expect(managersOf(org, 'sw-1')).toEqual(['tm-h', 'sm', 'psw']);
    expect(viewFor(audit, { id: asUserId('sm') }, org).aboveLevel).toHaveLength(2);
    // The PSW tops this chain but sees counts only: a flag is for the managers who act on it.
    expect(viewFor(audit, { id: asUserId('psw') }, org).aboveLevel).toEqual([]);
    expect(viewFor(audit, { id: asUserId('psw') }, org).teams).toEqual(audit.teams);
    expect(viewFor(audit, { id: asUserId('sw-2') }, org).aboveLevel).toEqual([]);
    expect(viewFor(audit, { id: asUserId('sw-2') }, org).teams).toEqual(audit.teams);
    expect(withoutNames(audit).aboveLevel).toEqual([]);
  });

  it('moves the level when the PSW changes it', () => {
    const strict = caseloadAudit([entry('sw-1', 'hospital', 35), entry('sw-2', 'intake', 33)], org, { from: '2026-07', to: '2026-09' }, { level: 34 });
    expect(strict.aboveLevel.map((w) => w.workerId)).toEqual(['sw-1']);
  });
});

describe('caseload rows from a Care Director export', () => {
  const org = demoOrganisation();
  const someone = org.people.find((p) => p.teamId === 'hospital' && p.role === 'social-worker')!;
  const period = { from: '2026-07', to: '2026-09' };
  const row = (line: number, values: Record<string, string>) => ({ line, values });

  it('matches workers by id or by name, any case, and teams by id or name', () => {
    const result = checkCaseloadRows(
      [
        row(2, { worker: someone.id, team: 'hospital', month: '2026-07', open_cases: '21' }),
        row(3, { Worker: someone.displayName.toUpperCase(), Team: 'Hospital team', Month: '2026-08-31', 'Open cases': '22', 'Complexity weight': '1.2' }),
      ],
      org,
      period,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries.map((e) => [e.workerId, e.month, e.openCases, e.weights])).toEqual([
      [someone.id, '2026-07', 21, {}],
      [someone.id, '2026-08', 22, { complexity: 1.2 }],
    ]);
  });

  it('keeps a worker the directory does not know, and lists them', () => {
    const result = checkCaseloadRows([row(2, { worker: 'Agency Worker', team: 'intake', month: '2026-07', open_cases: '9' })], org, period);
    expect(result).toEqual({
      ok: true,
      entries: [expect.objectContaining({ workerId: undefined, workerName: 'Agency Worker', teamId: 'intake' })],
      unmatched: [{ line: 2, worker: 'Agency Worker', teamId: 'intake' }],
    });
  });

  it('reports every bad row in plain words and gives back nothing', () => {
    const result = checkCaseloadRows(
      [
        row(2, { worker: someone.id, team: 'hospital', month: '2026-07', open_cases: '21' }),
        row(3, { worker: someone.id, team: 'hospital', month: '2026-07', open_cases: '23' }),
        row(4, { worker: '', team: 'Narnia', month: 'July', open_cases: '-2' }),
        row(5, { worker: someone.id, team: 'hospital', month: '2026-10', open_cases: '350' }),
        row(6, { worker: someone.id, team: 'hospital', month: '2026-09', open_cases: '20', risk_weight: '0' }),
      ],
      org,
      period,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map((p) => `line ${p.line}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 3: .* already has a caseload for 2026-07 on line 2/),
        'line 4: The worker is missing: give their id or their name as the directory has it.',
        expect.stringMatching(/^line 4: "Narnia" is not a team in the organisation/),
        'line 4: "July" is not a month: write it as YYYY-MM, e.g. 2026-07.',
        'line 4: "-2" open cases is not a whole number of 0 or more.',
        'line 5: 2026-10 is outside the audit period 2026-07 to 2026-09.',
        "line 5: 350 open cases for one worker is more than 200: is it the team's total?",
        'line 6: The risk weight "0" must be a number above 0 and at most 5 (1 is a typical case mix).',
      ]),
    );
  });

  it('refuses a file without the columns, naming them', () => {
    const result = checkCaseloadRows([row(2, { name: 'x', cases: '3' })], org, period);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toBe('The file has no "worker", "team", "month", "open_cases" columns.');
  });
});

describe("the health check's caseload questions beside the figures", () => {
  const q = (id: string, percent: number, suppressed?: string): QuestionResult => ({
    id,
    section: 'caseloads',
    text: id,
    resultText: `${id} text`,
    kind: 'single',
    n: 20,
    ...(suppressed ? { suppressed } : { headline: { label: 'agree', percent, previous: [] } }),
    options: [],
  });
  const whole: CycleResults = { cycle: '2026-27', title: 'HC', published: false, respondents: 40, threshold: 5, textThreshold: 10, questions: [q('caseload-fair', 70), q('caseload-time', 55)] };

  it('keeps a hidden team hidden, with the reason, and never a figure for it', () => {
    const byTeam: BreakdownResults = {
      ...whole,
      by: 'team',
      groups: [
        { id: 'hospital', label: 'Hospital', respondents: 12, questions: [q('caseload-fair', 75), q('caseload-time', 50)] },
        {
          id: 'intake',
          label: 'Intake',
          respondents: null,
          suppressed: 'Hidden: fewer than 5 people answered',
          questions: [q('caseload-fair', 0, 'Hidden: fewer than 5'), q('caseload-time', 0, 'Hidden: fewer than 5')],
        },
      ],
    };
    const beside = caseloadQuestionsBeside(whole, byTeam);
    expect(beside.overall.map((f) => f.percent)).toEqual([70, 55]);
    expect(beside.byTeam?.hospital?.map((f) => f.percent)).toEqual([75, 50]);
    expect(beside.byTeam?.intake?.every((f) => f.percent === null && f.hidden?.startsWith('Hidden'))).toBe(true);
  });

  it('hides everything when the whole cycle is hidden', () => {
    const beside = caseloadQuestionsBeside({ ...whole, suppressed: 'Hidden: too few responses' });
    expect(beside.overall.every((f) => f.percent === null && f.hidden === 'Hidden: too few responses')).toBe(true);
  });
});
