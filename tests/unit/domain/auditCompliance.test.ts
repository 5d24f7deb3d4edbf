import { BUCKET_LABELS, bucketOf, compliance, COMPLIANCE_BUCKETS, type AuditTaskRecord } from '../../../src/domain/audit/compliance';
import { DEFAULT_AUDIT_RULES } from '../../../src/domain/audit/plan/rules';
import type { AuditTaskId } from '../../../src/domain/audit/plan/task';
import { asIsoDate, asUserId } from '../../../src/domain/shared/brand';
import type { Organisation } from '../../../src/domain/organisation/types';

const d = asIsoDate;
const org: Organisation = {
  teams: [
    { id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' },
    { id: 'intake', name: 'Intake', serviceArea: 'hospital-and-intake' },
  ],
  people: [
    { id: asUserId('sup'), displayName: 'Sam Supervisor', role: 'senior-practitioner', teamId: 'hospital', lineManagerId: asUserId('tm'), supervisorId: undefined },
    { id: asUserId('sw'), displayName: 'Wendy Worker', role: 'social-worker', teamId: 'intake', lineManagerId: asUserId('tm'), supervisorId: asUserId('sup') },
    { id: asUserId('tm'), displayName: 'Tariq Manager', role: 'team-manager', teamId: 'hospital', lineManagerId: undefined, supervisorId: undefined },
    { id: asUserId('psw'), displayName: 'Priya PSW', role: 'principal-social-worker', teamId: undefined, lineManagerId: undefined, supervisorId: undefined },
  ],
};

let n = 0;
function task(due: string, over: Partial<AuditTaskRecord> = {}): AuditTaskRecord {
  n += 1;
  return {
    id: `2026/practice-standards-audit/person:sw/${n}` as AuditTaskId,
    year: 2026,
    activity: 'practice-standards-audit',
    subject: { kind: 'person', personId: asUserId('sw') },
    occurrence: n,
    auditorId: asUserId('sup'),
    form: 'appendix-2',
    window: { start: d('2026-04-01'), end: d('2027-03-31') },
    due: d(due),
    status: 'planned',
    ...over,
  };
}

const today = d('2026-11-02');

describe('which bucket a task is in', () => {
  it('puts each kind of task in its own bucket', () => {
    expect(bucketOf(task('2026-10-01', { status: 'completed', completedOn: d('2026-09-30') }), today)).toBe('completedOnTime');
    expect(bucketOf(task('2026-10-01', { status: 'completed', completedOn: d('2026-10-01') }), today)).toBe('completedOnTime');
    expect(bucketOf(task('2026-10-01', { status: 'completed', completedOn: d('2026-10-02') }), today)).toBe('completedLate');
    expect(bucketOf(task('2026-11-01'), today)).toBe('overdue');
    expect(bucketOf(task('2026-10-01', { status: 'in-progress' }), today)).toBe('overdue');
    expect(bucketOf(task('2026-11-02'), today)).toBe('dueSoon');
    expect(bucketOf(task('2026-11-16'), today)).toBe('dueSoon');
    expect(bucketOf(task('2026-11-17'), today)).toBe('notYetDue');
    expect(bucketOf(task('2026-10-01', { status: 'cancelled', cancelledReason: 'subject-left' }), today)).toBe('cancelled');
  });

  it('counts across the year end and the end of the council year', () => {
    expect(bucketOf(task('2027-01-04'), d('2026-12-22'))).toBe('dueSoon');
    expect(bucketOf(task('2027-03-31'), d('2027-03-20'))).toBe('dueSoon');
    expect(bucketOf(task('2027-03-31'), d('2027-04-01'))).toBe('overdue');
    expect(bucketOf(task('2027-03-31', { status: 'completed', completedOn: d('2027-04-01') }), d('2027-04-10'))).toBe('completedLate');
    expect(bucketOf(task('2027-03-31', { status: 'completed', completedOn: d('2027-03-31') }), d('2027-04-10'))).toBe('completedOnTime');
  });

  it('has a plain-words label for every bucket', () => {
    for (const b of COMPLIANCE_BUCKETS) expect(BUCKET_LABELS[b]).toMatch(/^[A-Z][a-z0-9 ]+$/);
  });
});

describe('compliance', () => {
  const tasks: AuditTaskRecord[] = [
    task('2026-06-01', { status: 'completed', completedOn: d('2026-05-20') }), // on time
    task('2026-07-01', { status: 'completed', completedOn: d('2026-07-15') }), // late
    task('2026-10-01'), // overdue
    task('2026-08-01', { status: 'cancelled', cancelledReason: 'subject-left' }), // cancelled, due passed: not counted
    task('2026-11-10'), // due soon
    task('2027-02-01', { status: 'completed', completedOn: d('2026-10-30') }), // done early: on time, not yet in the share
    task('2027-02-02'), // not yet due
  ];
  const result = compliance(tasks, today, { organisation: org });
  const psa = result.byType.find((r) => r.key === 'practice-standards-audit');

  it('counts every bucket and takes the share over what is due so far, leaving out cancelled tasks', () => {
    expect(psa?.counts).toEqual({ completedOnTime: 2, completedLate: 1, overdue: 1, dueSoon: 1, notYetDue: 1, cancelled: 1 });
    expect(psa?.dueSoFar).toBe(3);
    expect(psa?.shareOnTime).toBeCloseTo(1 / 3);
    expect(psa?.summary).toBe('33% completed on time (1 of 3 due so far)');
    expect(result.overall.counts).toEqual(psa?.counts);
  });

  it('lists every audit type of the rules, saying "Nothing due yet" rather than 0% where nothing is due', () => {
    expect(result.byType.map((r) => r.key)).toEqual(DEFAULT_AUDIT_RULES.rules.map((r) => r.activity));
    expect(result.byType.map((r) => r.label)).toContain('Practice standards audit');
    const observation = result.byType.find((r) => r.key === 'practice-observation');
    expect(observation).toMatchObject({ dueSoFar: 0, shareOnTime: null, summary: 'Nothing due yet' });
  });

  it('groups by the subject’s team, and by the auditor’s team for audits of the whole service', () => {
    const org2 = [
      task('2026-10-01', { activity: 'health-check', subject: { kind: 'organisation' }, auditorId: asUserId('psw') }),
      task('2026-10-01', { activity: 'caseload-workload-audit', subject: { kind: 'team', teamId: 'hospital' }, auditorId: asUserId('tm') }),
      task('2026-10-01', { activity: 'supervision-audit', subject: { kind: 'person', personId: asUserId('sup') }, auditorId: asUserId('tm'), status: 'completed', completedOn: d('2026-09-01') }),
      task('2026-10-01'),
    ];
    const r = compliance(org2, today, { organisation: org });
    expect(r.byTeam.map((t) => [t.label, t.counts.overdue, t.counts.completedOnTime])).toEqual([
      ['Hospital team', 1, 1],
      ['Intake', 1, 0],
      ['No team', 1, 0],
    ]);
    expect(r.byAuditor.map((a) => [a.label, a.dueSoFar])).toEqual([
      ['Priya PSW', 1],
      ['Sam Supervisor', 1],
      ['Tariq Manager', 2],
    ]);
    expect(r.byAuditor.find((a) => a.key === 'tm')?.shareOnTime).toBe(0.5);
  });

  it('lists what is overdue with names, oldest first', () => {
    const r = compliance([task('2026-10-20'), task('2026-10-01', { status: 'in-progress' }), task('2026-12-01')], today, { organisation: org });
    expect(r.overdue.map((o) => [o.due, o.subject, o.auditor, o.activityLabel, o.daysOverdue])).toEqual([
      ['2026-10-01', 'Wendy Worker', 'Sam Supervisor', 'Practice standards audit', 32],
      ['2026-10-20', 'Wendy Worker', 'Sam Supervisor', 'Practice standards audit', 13],
    ]);
  });

  it('still counts the audits of someone who has left, under their id and "No team"', () => {
    const r = compliance([task('2026-10-01', { subject: { kind: 'person', personId: asUserId('gone') }, status: 'completed', completedOn: d('2026-09-01') })], today, { organisation: org });
    expect(r.byTeam[0]).toMatchObject({ label: 'No team', shareOnTime: 1 });
    expect(r.overall.summary).toBe('100% completed on time (1 of 1 due so far)');
  });

  it('tells apart two auditors with the same name', () => {
    const twins: Organisation = { ...org, people: [...org.people, { ...org.people[0]!, id: asUserId('sup2') }] };
    const r = compliance([task('2026-10-01'), task('2026-10-01', { auditorId: asUserId('sup2') })], today, { organisation: twins });
    expect(r.byAuditor.map((a) => a.label)).toEqual(['Sam Supervisor (sup)', 'Sam Supervisor (sup2)']);
  });
});

describe('compliance by quarter', () => {
  it('counts each task in the council quarter it is due in, oldest quarter first, with the quarter in words', () => {
    const tasks = [
      task('2026-05-10', { status: 'completed', completedOn: d('2026-05-09') }),
      task('2026-06-30', { status: 'completed', completedOn: d('2026-07-02') }),
      task('2026-10-01'),
      task('2027-02-01'),
      task('2027-03-31', { status: 'cancelled', cancelledReason: 'subject-left' }),
    ];
    const result = compliance(tasks, today, { organisation: org });
    expect(result.byQuarter.map((r) => [r.key, r.label, r.counts.completedOnTime, r.counts.completedLate, r.counts.overdue, r.counts.notYetDue, r.counts.cancelled])).toEqual([
      ['2026-Q1', 'Quarter 1, April – June 2026', 1, 1, 0, 0, 0],
      ['2026-Q3', 'Quarter 3, October – December 2026', 0, 0, 1, 0, 0],
      ['2026-Q4', 'Quarter 4, January – March 2027', 0, 0, 0, 1, 1],
    ]);
    // The quarters add up to the whole year.
    for (const bucket of COMPLIANCE_BUCKETS) expect(result.byQuarter.reduce((s, r) => s + r.counts[bucket], 0)).toBe(result.overall.counts[bucket]);
  });
});
