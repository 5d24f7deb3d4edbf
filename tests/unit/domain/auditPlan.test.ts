import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import { councilYearOf, isWorkingDay, occurrenceRange, weekOf } from '../../../src/domain/audit/plan/calendar';
import { planYear, planYearWithFindings, type PlanInput } from '../../../src/domain/audit/plan/plan';
import { CASE_HOLDING_ROLES, DEFAULT_AUDIT_RULES, formFor } from '../../../src/domain/audit/plan/rules';
import type { AuditTask } from '../../../src/domain/audit/plan/task';
import { asIsoDate, asUserId, type UserId } from '../../../src/domain/shared/brand';
import type { Organisation, Person } from '../../../src/domain/organisation/types';

const org = demoOrganisation();
const base: PlanInput = { rules: DEFAULT_AUDIT_RULES, organisation: org, year: 2026, seed: 20260401 };
const plan = planYear(base);

const person = (o: Organisation, id: UserId): Person => {
  const p = o.people.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id}`);
  return p;
};
const subjectId = (t: AuditTask): UserId | undefined => (t.subject.kind === 'person' ? t.subject.personId : undefined);
const live = (tasks: readonly AuditTask[]) => tasks.filter((t) => t.status !== 'cancelled');
const count = (tasks: readonly AuditTask[], activity: AuditTask['activity']) => tasks.filter((t) => t.activity === activity).length;

function maxPerWeek(tasks: readonly AuditTask[]): number {
  const load = new Map<string, number>();
  for (const t of live(tasks)) load.set(`${t.auditorId}|${weekOf(t.due)}`, (load.get(`${t.auditorId}|${weekOf(t.due)}`) ?? 0) + 1);
  return Math.max(...load.values());
}

describe('the council year', () => {
  it('puts January–March in the previous April’s year', () => {
    expect(councilYearOf(asIsoDate('2027-03-31'))).toBe(2026);
    expect(councilYearOf(asIsoDate('2027-01-01'))).toBe(2026);
    expect(councilYearOf(asIsoDate('2026-04-01'))).toBe(2026);
    expect(councilYearOf(asIsoDate('2026-03-31'))).toBe(2025);
  });

  it('splits windows into occurrences across the year end', () => {
    expect(occurrenceRange(2026, { from: 4, to: 3 }, 2, 1)).toEqual({ start: '2026-04-01', end: '2026-09-30' });
    expect(occurrenceRange(2026, { from: 4, to: 3 }, 2, 2)).toEqual({ start: '2026-10-01', end: '2027-03-31' });
    expect(occurrenceRange(2026, { from: 10, to: 12 }, 1, 1)).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(occurrenceRange(2026, { from: 1, to: 3 }, 1, 1)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(occurrenceRange(2026, { from: 4, to: 3 }, 4, 4)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    // 2028 is a leap year: February's end is the 29th, handled by the calendar, not by us.
    expect(occurrenceRange(2027, { from: 1, to: 2 }, 1, 1)).toEqual({ start: '2028-01-01', end: '2028-02-29' });
  });

  it('has no working days at weekends, on 25–26 December or 1 January', () => {
    expect(isWorkingDay(asIsoDate('2026-12-25'))).toBe(false);
    expect(isWorkingDay(asIsoDate('2026-12-28'))).toBe(true);
    expect(isWorkingDay(asIsoDate('2027-01-01'))).toBe(false);
    expect(isWorkingDay(asIsoDate('2026-10-31'))).toBe(false); // Saturday, and the night the clocks go back
    expect(isWorkingDay(asIsoDate('2026-05-25'), new Set(['2026-05-25']))).toBe(false); // a configured bank holiday
  });
});

describe('the demo organisation’s plan for 2026–27', () => {
  const supervisors = org.people.filter((p) => org.people.some((q) => q.supervisorId === p.id));
  const caseHolders = org.people.filter((p) => p.supervisorId !== undefined && CASE_HOLDING_ROLES.includes(p.role));

  it('has every audit Appendix 6 asks for', () => {
    const { tasks, findings } = planYearWithFindings(base);
    expect(caseHolders.length).toBeGreaterThan(50);
    expect(count(tasks, 'practice-standards-audit')).toBe(2 * caseHolders.length);
    expect(count(tasks, 'practice-observation')).toBe(caseHolders.length);
    // The PSW supervises service managers but has no line manager here: reported, not invented.
    expect(count(tasks, 'supervision-audit')).toBe(supervisors.length - 1);
    expect(findings).toEqual([{ kind: 'no-auditor', activity: 'supervision-audit', subject: { kind: 'person', personId: 'demo-001' }, occurrence: 1 }]);
    expect(count(tasks, 'caseload-workload-audit')).toBe(org.teams.length);
    expect(count(tasks, 'national-standards-audit')).toBe(1);
    expect(count(tasks, 'health-check')).toBe(1);
    expect(count(tasks, 'thematic-review')).toBe(4);
    for (const p of caseHolders) {
      const mine = tasks.filter((t) => subjectId(t) === p.id && t.activity === 'practice-standards-audit');
      expect(mine.map((t) => t.occurrence).sort()).toEqual([1, 2]);
    }
    expect(new Set(tasks.map((t) => t.id)).size).toBe(tasks.length);
    expect(tasks.every((t) => t.status === 'planned' && t.year === 2026)).toBe(true);
  });

  it('chooses Appendix 2 for social work and social care roles and Appendix 3 for therapy roles', () => {
    for (const t of plan.filter((x) => x.activity === 'practice-standards-audit')) {
      const role = person(org, subjectId(t) as UserId).role;
      expect(t.form).toBe(role === 'occupational-therapist' || role === 'ot-assistant' ? 'appendix-3' : 'appendix-2');
    }
    const roles = new Set(plan.filter((t) => t.form === 'appendix-3').map((t) => person(org, subjectId(t) as UserId).role));
    expect([...roles].sort()).toEqual(['occupational-therapist', 'ot-assistant']);
    expect(plan.filter((t) => t.activity === 'practice-observation').every((t) => t.form === 'appendix-4')).toBe(true);
    expect(plan.filter((t) => t.activity === 'supervision-audit').every((t) => t.form === 'appendix-1')).toBe(true);
    expect(formFor(DEFAULT_AUDIT_RULES.rules[1]!.form, 'social-worker')).toBe('appendix-2');
  });

  it('asks the right people', () => {
    const psw = org.people.find((p) => p.role === 'principal-social-worker')!;
    for (const t of plan) {
      const subject = subjectId(t);
      switch (t.activity) {
        case 'supervision-audit':
          expect(t.auditorId).toBe(person(org, subject!).lineManagerId);
          break;
        case 'practice-standards-audit':
        case 'practice-observation':
          expect(t.auditorId).toBe(person(org, subject!).supervisorId);
          break;
        case 'caseload-workload-audit': {
          const manager = person(org, t.auditorId);
          expect(manager.role).toBe('team-manager');
          expect(t.subject).toEqual({ kind: 'team', teamId: manager.teamId });
          break;
        }
        default:
          expect(t.auditorId).toBe(psw.id);
      }
    }
  });

  it('never gives an auditor more than the weekly cap', () => {
    expect(maxPerWeek(plan)).toBeLessThanOrEqual(DEFAULT_AUDIT_RULES.maxDuePerAuditorPerWeek);
    const strict = planYearWithFindings({ ...base, rules: { ...DEFAULT_AUDIT_RULES, maxDuePerAuditorPerWeek: 1 } });
    expect(maxPerWeek(strict.tasks)).toBe(1);
    expect(strict.findings.filter((f) => f.kind === 'over-weekly-cap')).toEqual([]);
  });

  it('reports, rather than hides, a cap that cannot be met', () => {
    const tight = { ...DEFAULT_AUDIT_RULES, rules: DEFAULT_AUDIT_RULES.rules.map((r) => ({ ...r, window: { from: 10, to: 10 } as const })) };
    const { tasks, findings } = planYearWithFindings({ ...base, rules: { ...tight, maxDuePerAuditorPerWeek: 1 } });
    expect(findings.some((f) => f.kind === 'over-weekly-cap')).toBe(true);
    expect(tasks.every((t) => t.due >= '2026-10-01' && t.due <= '2026-10-31')).toBe(true);
  });

  it('spreads a supervisor’s audits through the year', () => {
    const senior = org.people.find((p) => p.role === 'senior-practitioner')!;
    const months = new Set(plan.filter((t) => t.auditorId === senior.id).map((t) => t.due.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
  });

  it('puts every due date on a working day inside its window, across the year end', () => {
    for (const t of plan) {
      expect(isWorkingDay(t.due)).toBe(true);
      expect(t.due >= t.window.start && t.due <= t.window.end).toBe(true);
      expect(councilYearOf(t.due)).toBe(2026);
    }
    const inWindow = (activity: AuditTask['activity'], start: string, end: string) => plan.filter((t) => t.activity === activity).every((t) => t.due >= start && t.due <= end);
    expect(inWindow('caseload-workload-audit', '2026-10-01', '2026-12-31')).toBe(true);
    expect(inWindow('national-standards-audit', '2026-10-01', '2026-12-31')).toBe(true);
    expect(inWindow('health-check', '2027-01-01', '2027-03-31')).toBe(true);
    const thematic = plan.filter((t) => t.activity === 'thematic-review').sort((a, b) => a.occurrence - b.occurrence);
    expect(thematic.map((t) => t.window.start)).toEqual(['2026-04-01', '2026-07-01', '2026-10-01', '2027-01-01']);
    expect(plan.some((t) => t.due >= '2027-01-01')).toBe(true);
  });

  it('is reproducible from its seed', () => {
    expect(planYear(base)).toEqual(plan);
    expect(planYear({ ...base, organisation: { ...org, people: [...org.people].reverse() } })).toEqual(plan);
    const other = planYear({ ...base, seed: 99 });
    expect(other.map((t) => t.id).sort()).toEqual(plan.map((t) => t.id).sort());
    expect(other.map((t) => t.due)).not.toEqual(plan.map((t) => t.due));
  });

  it('is idempotent: planning again changes nothing', () => {
    expect(planYear({ ...base, existing: plan })).toEqual(plan);
    expect(planYear({ ...base, existing: plan, seed: 1, today: asIsoDate('2026-11-02') })).toEqual(plan);
  });

  it('leaves other years’ tasks alone', () => {
    const last = planYear({ ...base, year: 2025 });
    const both = planYear({ ...base, existing: [...last, ...plan] });
    expect(both).toHaveLength(last.length + plan.length);
    expect(both.filter((t) => t.year === 2025)).toEqual(last);
  });
});

describe('re-planning after the organisation changes', () => {
  const today = asIsoDate('2026-11-02');
  const leaver = org.people.find((p) => p.role === 'senior-practitioner')!;
  const team = org.people.filter((p) => p.teamId === leaver.teamId);
  const colleague = team.find((p) => p.role === 'senior-practitioner' && p.id !== leaver.id)!;
  const supervisees = org.people.filter((p) => p.supervisorId === leaver.id).map((p) => p.id);
  const done = plan.find((t) => t.auditorId === leaver.id && t.activity === 'practice-standards-audit' && t.occurrence === 1)!;
  const draft = plan.find((t) => t.auditorId === leaver.id && t.activity === 'practice-observation')!;
  const before = plan.map((t) => (t.id === done.id ? { ...t, status: 'completed' as const } : t.id === draft.id ? { ...t, status: 'in-progress' as const } : t));
  const after: Organisation = {
    ...org,
    people: org.people.filter((p) => p.id !== leaver.id).map((p) => (p.supervisorId === leaver.id ? { ...p, supervisorId: colleague.id } : p)),
  };
  const replanned = planYearWithFindings({ ...base, organisation: after, existing: before, today, seed: 5 });
  const byId = new Map(replanned.tasks.map((t) => [t.id, t]));

  it('keeps completed and in-progress audits as they were', () => {
    expect(byId.get(done.id)).toEqual({ ...done, status: 'completed' });
    expect(byId.get(draft.id)).toEqual({ ...draft, status: 'in-progress' });
    // Nobody is asked to do them again.
    expect(replanned.tasks.filter((t) => t.id.startsWith(`${done.id}~`) || t.id.startsWith(`${draft.id}~`))).toEqual([]);
  });

  it('cancels, not deletes, the leaver’s planned audits and re-issues them to the new supervisor', () => {
    const wasTheirs = before.filter((t) => t.status === 'planned' && t.auditorId === leaver.id);
    expect(wasTheirs.length).toBeGreaterThan(5);
    for (const old of wasTheirs) {
      expect(byId.get(old.id)).toEqual({ ...old, status: 'cancelled', cancelledReason: 'auditor-changed' });
      const reissued = byId.get(`${old.id}~2` as AuditTask['id']);
      expect(reissued).toMatchObject({ status: 'planned', auditorId: colleague.id, activity: old.activity, subject: old.subject, occurrence: old.occurrence });
      expect(reissued!.due >= today).toBe(true);
      expect(isWorkingDay(reissued!.due)).toBe(true);
    }
    // The first-half audits whose window has closed are still owed: due within four weeks.
    const late = replanned.tasks.filter((t) => t.id.endsWith('~2') && t.activity === 'practice-standards-audit' && t.occurrence === 1);
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((t) => t.due <= '2026-11-29' && t.window.start === today && t.window.end === '2026-11-29')).toBe(true);
    expect(
      live(replanned.tasks)
        .filter((t) => t.auditorId === leaver.id)
        .filter((t) => t.status === 'planned'),
    ).toEqual([]);
    expect(supervisees.length).toBeGreaterThan(0);
  });

  it('cancels audits about the leaver', () => {
    const aboutThem = before.filter((t) => subjectId(t) === leaver.id);
    expect(aboutThem.map((t) => byId.get(t.id)?.cancelledReason)).toEqual(aboutThem.map(() => 'subject-left'));
  });

  it('touches nothing else, keeps the cap and is idempotent', () => {
    const untouched = before.filter((t) => t.auditorId !== leaver.id && subjectId(t) !== leaver.id);
    for (const t of untouched) expect(byId.get(t.id)).toEqual(t);
    expect(maxPerWeek(replanned.tasks)).toBeLessThanOrEqual(2);
    expect(planYear({ ...base, organisation: after, existing: replanned.tasks, today, seed: 6 })).toEqual(replanned.tasks);
  });

  it('gives a starter the audits still to come this year', () => {
    const starter: Person = {
      id: asUserId('demo-starter'),
      displayName: 'New Starter',
      role: 'occupational-therapist',
      teamId: colleague.teamId,
      lineManagerId: colleague.lineManagerId,
      supervisorId: colleague.id,
    };
    const { tasks, findings } = planYearWithFindings({ ...base, organisation: { ...after, people: [...after.people, starter] }, existing: replanned.tasks, today, seed: 5 });
    const theirs = tasks.filter((t) => subjectId(t) === starter.id);
    expect(theirs.map((t) => [t.activity, t.occurrence, t.form, t.auditorId])).toEqual(
      expect.arrayContaining([
        ['practice-standards-audit', 2, 'appendix-3', colleague.id],
        ['practice-observation', 1, 'appendix-4', colleague.id],
      ]),
    );
    expect(theirs).toHaveLength(2);
    expect(theirs.every((t) => t.due >= today && t.id.indexOf('~') === -1)).toBe(true);
    expect(findings).toContainEqual({ kind: 'window-closed', activity: 'practice-standards-audit', subject: { kind: 'person', personId: starter.id }, occurrence: 1 });
    for (const t of replanned.tasks) expect(tasks.find((x) => x.id === t.id)).toEqual(t);
    expect(maxPerWeek(tasks)).toBeLessThanOrEqual(2);
  });
});
