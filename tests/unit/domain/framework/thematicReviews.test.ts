import { demoOrganisation } from '../../../../src/adapters/directory/demoDirectory';
import { DEFAULT_WORKING_HOURS } from '../../../../src/domain/outbox/types';
import {
  checkReviewPlan,
  checkReviewText,
  completeStageProblem,
  currentStage,
  missingCoverage,
  stageNoticesDue,
  statusOf,
  type ReviewPlan,
  type ThematicReview,
} from '../../../../src/domain/framework/thematicReviews';
import { asIsoDate } from '../../../../src/domain/shared/brand';

const organisation = demoOrganisation();
const psw = organisation.people.find((p) => p.role === 'principal-social-worker')!;
const members = organisation.people
  .filter((p) => p.role === 'team-manager')
  .slice(0, 3)
  .map((p) => p.id as string);
const context = { organisation, year: 2026, today: asIsoDate('2026-05-01') };
const good = {
  theme: 'Mental capacity assessments',
  reasons: ['audit', 'safeguarding-adults-reviews'],
  covers: ['safeguarding'],
  scope: 'Assessments of capacity in the hospital and intake teams, April to September.',
  objectives: 'Find out how well the two-stage test is recorded.',
  methods: ['case-audit', 'focus-groups'],
  methodology: 'Twenty case files, then a focus group.',
  leadId: psw.id,
  reviewGroup: members,
  stages: { scope: '2026-06-05', research: '2026-08-14', report: '2026-09-25' },
};

const planOf = (input: object): ReviewPlan => {
  const c = checkReviewPlan(input, context);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.value;
};
const review = (plan: ReviewPlan, extra: Partial<ThematicReview> = {}): ThematicReview => ({
  ...plan,
  id: 'review-2026-1',
  year: 2026,
  slot: 1,
  findings: [],
  recommendations: [],
  createdBy: psw.id,
  createdOn: asIsoDate('2026-05-01'),
  updatedOn: asIsoDate('2026-05-01'),
  version: 1,
  ...extra,
});

describe("a thematic review's plan", () => {
  it("takes the framework's fields, its three stages dated in order within the council year", () => {
    const plan = planOf(good);
    expect(plan.stages).toEqual({ scope: { due: '2026-06-05', completedOn: null }, research: { due: '2026-08-14', completedOn: null }, report: { due: '2026-09-25', completedOn: null } });
    expect(plan.reasons).toEqual(['safeguarding-adults-reviews', 'audit']);
    expect(plan.reviewGroup).toEqual([...members].sort());
  });

  it('refuses stages out of order or outside the year, an empty group and unknown choices', () => {
    const c = checkReviewPlan({ ...good, stages: { scope: '2026-09-01', research: '2026-08-01', report: '2027-04-02' }, reviewGroup: [], methods: ['guessing'] }, context);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors.map((e) => e.field)).toEqual(['methods', 'reviewGroup', 'stages.report']);
    const order = checkReviewPlan({ ...good, stages: { scope: '2026-09-01', research: '2026-08-01', report: '2026-10-01' } }, context);
    expect(order.ok ? [] : order.errors.map((e) => e.message)).toEqual(['"Research, evaluate and investigate" cannot be due before "Scope, agree methodology and objectives" (2026-09-01).']);
  });

  it('refuses a scope that names someone', () => {
    const c = checkReviewPlan({ ...good, scope: `Cases held by ${organisation.people[30]!.displayName}` }, context);
    expect(c.ok ? [] : c.errors.map((e) => e.field)).toEqual(['scope']);
  });

  it("keeps a completed stage's date", () => {
    const plan = planOf(good);
    const done = { ...plan, stages: { ...plan.stages, scope: { due: plan.stages.scope.due, completedOn: asIsoDate('2026-06-04') } } };
    const c = checkReviewPlan({ stages: { scope: '2026-07-01' } }, context, done);
    expect(c.ok ? [] : c.errors.map((e) => e.message)).toEqual(['"Scope, agree methodology and objectives" is completed, so its date stays 2026-06-05.']);
    expect(checkReviewPlan({ stages: { research: '2026-08-20' } }, context, done)).toEqual({
      ok: true,
      value: { ...done, stages: { ...done.stages, research: { due: '2026-08-20', completedOn: null } } },
    });
  });
});

describe("a review's stages, findings and coverage", () => {
  it('goes through its stages in order; the report needs findings', () => {
    const r = review(planOf(good));
    expect(statusOf(r)).toBe('planned');
    expect(completeStageProblem(r, 'research')).toBe('Complete "Scope, agree methodology and objectives" first: the stages go in order.');
    expect(completeStageProblem(r, 'scope')).toBeUndefined();
    const atReport = review(planOf(good), {
      stages: {
        scope: { due: asIsoDate('2026-06-05'), completedOn: asIsoDate('2026-06-05') },
        research: { due: asIsoDate('2026-08-14'), completedOn: asIsoDate('2026-08-10') },
        report: { due: asIsoDate('2026-09-25'), completedOn: null },
      },
    });
    expect(statusOf(atReport)).toBe('in-progress');
    expect(currentStage(atReport)).toBe('report');
    expect(completeStageProblem(atReport, 'report')).toMatch(/Record the review's findings/);
    expect(completeStageProblem({ ...atReport, findings: [{ id: 'f1', text: 'x', recordedOn: asIsoDate('2026-09-01') }] }, 'report')).toBeUndefined();
  });

  it('checks a finding or recommendation: words, length, and no names', () => {
    const names = organisation.people.map((p) => p.displayName);
    expect(checkReviewText('  Capacity is assessed but the reasoning is rarely recorded. ', 'finding', names)).toEqual({
      ok: true,
      value: 'Capacity is assessed but the reasoning is rarely recorded.',
    });
    expect(checkReviewText('', 'recommendation', names)).toEqual({ ok: false, errors: [{ field: 'text', message: 'The recommendation needs some words.' }] });
    expect(checkReviewText('x'.repeat(501), 'recommendation', names).ok).toBe(false);
    expect(checkReviewText(`Ask ${names[40]} to lead training`, 'recommendation', names).ok).toBe(false);
  });

  it("says what the year's reviews do not yet cover of personalisation and safeguarding", () => {
    expect(missingCoverage([{ covers: ['safeguarding'] }])).toEqual(['personalisation']);
    expect(missingCoverage([{ covers: ['safeguarding'] }, { covers: ['personalisation'] }])).toEqual([]);
  });
});

describe('stage reminders to the review group', () => {
  const r = review(planOf(good));
  const due = (day: string) => stageNoticesDue([r], organisation, asIsoDate(day), DEFAULT_WORKING_HOURS);
  const people = [...new Set([psw.id as string, ...members])].sort();

  it('tell the lead and every member a week before a stage is due, and on the day', () => {
    expect(due('2026-05-28')).toEqual([]);
    const coming = due('2026-05-29');
    expect(coming.map((n) => n.personId)).toEqual(people);
    expect(coming[0]).toMatchObject({ stage: 'scope', when: 'coming', due: '2026-06-05', key: `review-stage:review-2026-1:scope:2026-06-05:coming:${people[0]}` });
    expect(due('2026-06-05').map((n) => n.when)).toEqual(people.map(() => 'due'));
  });

  it('say nothing at weekends, nothing for a stage completed, and nothing a week after its day', () => {
    expect(due('2026-06-06')).toEqual([]);
    expect(due('2026-06-12')).toEqual([]);
    const done = { ...r, stages: { ...r.stages, scope: { due: r.stages.scope.due, completedOn: asIsoDate('2026-06-01') } } };
    expect(stageNoticesDue([done], organisation, asIsoDate('2026-06-05'), DEFAULT_WORKING_HOURS)).toEqual([]);
  });
});
