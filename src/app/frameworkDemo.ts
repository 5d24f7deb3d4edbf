import { addDays, councilYearOf } from '../domain/audit/plan/calendar';
import { yearSpan } from '../domain/framework/thematicReviews';
import { quarterOf } from '../domain/qualityReport/quarter';
import type { Organisation } from '../domain/organisation/types';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { FrameworkServices } from './app';

/**
 * With demo data on, the rest of the framework as a PSW part-way through a year would have it,
 * each only if the year has none yet: a health check focus group held today with notes and
 * themes (and one coming up, not yet sent out), this quarter's thematic review completed
 * today with findings and a recommendation in the action plan and the next one under way, and
 * the national standards self-assessment started with most standards rated. Invented words,
 * naming nobody. So the Quality Report of the demo's quarter has its framework sections.
 */
export async function ensureDemoFramework(
  services: { readonly framework: FrameworkServices },
  organisation: Organisation,
  clock: Clock,
): Promise<{ readonly focusGroups: number; readonly reviews: number; readonly selfAssessments: number }> {
  const { focusGroups, reviews, selfAssessments } = services.framework;
  const today = dateOf(clock.now());
  const year = councilYearOf(today);
  const psw = organisation.people.find((p) => p.role === 'principal-social-worker');
  const managers = organisation.people.filter((p) => p.role === 'team-manager').slice(0, 3);
  if (!psw || managers.length === 0) return { focusGroups: 0, reviews: 0, selfAssessments: 0 };
  const counts = { focusGroups: 0, reviews: 0, selfAssessments: 0 };
  const nextYear = (d: IsoDate): IsoDate => (d > yearSpan(year).end ? yearSpan(year).end : d);

  if ((await focusGroups.list(year)).length === 0) {
    const held = await focusGroups.schedule(
      { purpose: 'health-check', date: today, time: '10:00', place: 'Council House, room 2, and Teams', facilitatorId: psw.id, invitedTeams: ['hospital', 'intake'], invitedRoles: [] },
      psw.id,
    );
    await focusGroups.record(
      held.id,
      {
        attended: 11,
        notes: {
          q1: 'Most felt allocation is fair; duty weeks bunch up new cases for whoever is on duty.',
          q2: 'People keep their own lists; the weekly allocation meeting helps most.',
          q13: 'Supervision is regular but often moved at short notice when the hospital is busy.',
          q15: 'Protect supervision time in the diary; a reflective group once a month.',
        },
        themes: [
          { area: 'workload', summary: 'Duty weeks bunch up new cases' },
          { area: 'healthy-workplace', summary: 'Supervision moved at short notice in busy weeks' },
          { area: 'tools', summary: 'Laptops too slow for Care Director on home visits' },
        ],
      },
      held.version,
    );
    await focusGroups.schedule(
      {
        purpose: 'national-standards',
        date: nextYear(addDays(today, 21)),
        time: '14:00',
        place: 'Teams meeting',
        facilitatorId: psw.id,
        invitedTeams: [],
        invitedRoles: ['occupational-therapist', 'ot-assistant'],
      },
      psw.id,
    );
    counts.focusGroups = 2;
  }

  if ((await reviews.listYear(year)).length === 0) {
    const start = yearSpan(year).start;
    // This quarter's review (its task in the annual plan is this quarter's), and the next quarter's (or the last one's, in the last quarter).
    const now = quarterOf(today).number;
    const next = now < 4 ? now + 1 : now - 1;
    const clamp = (d: IsoDate): IsoDate => (d < start ? start : d);
    const group = managers.map((m) => m.id as string);
    let first = await reviews.create(
      year,
      now,
      {
        theme: 'Mental capacity assessments',
        reasons: ['audit', 'safeguarding-adults-reviews'],
        covers: ['safeguarding'],
        scope: 'Capacity assessments recorded by the hospital and intake teams in the last six months.',
        objectives: 'Find out how well the two-stage test and best interests decisions are recorded, and what helps.',
        methods: ['case-audit', 'practice-standards-audit-tools', 'focus-groups'],
        methodology: 'Twenty case files audited with their case holders using the practice standards audit tool, then a focus group.',
        leadId: psw.id,
        reviewGroup: group,
        stages: { scope: clamp(addDays(today, -60)), research: clamp(addDays(today, -30)), report: today },
      },
      psw.id,
    );
    first = await reviews.completeStage(first.id, 'scope', first.version);
    first = await reviews.completeStage(first.id, 'research', first.version);
    first = await reviews.addFinding(first.id, 'Capacity is assessed in most files, but the reasoning for the two-stage test is rarely written down.', first.version);
    first = await reviews.addFinding(first.id, 'Where a best interests meeting was held, the person\u2019s own wishes were well recorded.', first.version);
    first = await reviews.addRecommendation(first.id, 'Add a prompt for the two-stage test to the assessment form in Care Director.', first.version);
    first = await reviews.addRecommendation(first.id, 'Run two lunchtime sessions on recording capacity decisions.', first.version);
    const made = await reviews.recommendationToAction(first.id, first.recommendations[0]!.id, { ownerId: psw.id, due: nextYear(addDays(today, 60)) }, psw.id, first.version);
    first = made.review;
    await reviews.completeStage(first.id, 'report', first.version);
    await reviews.create(
      year,
      next,
      {
        theme: 'Personalisation in support planning',
        reasons: ['complaints', 'performance-indicators'],
        covers: ['personalisation'],
        scope: 'Support plans agreed in the older people teams.',
        objectives: 'See whether plans reflect what people want from their lives.',
        methods: ['case-audit', 'service-user-involvement'],
        methodology: '',
        leadId: psw.id,
        reviewGroup: group,
        stages: { scope: nextYear(addDays(today, 14)), research: nextYear(addDays(today, 60)), report: nextYear(addDays(today, 100)) },
      },
      psw.id,
    );
    counts.reviews = 2;
  }

  if ((await selfAssessments.listYear(year)).length === 0) {
    let assessment = await selfAssessments.start('national-standards', year, psw.id);
    const ratings: Readonly<Record<string, readonly [string, string]>> = {
      accountability: ['met', 'The accountability framework is published and used in supervision.'],
      'workforce-planning': ['partly-met', 'Vacancies in two teams; agency cover is falling.'],
      'safe-workloads': ['partly-met', 'Caseloads are within the level in most teams; duty weeks are a pressure.'],
      'risks-and-resources': ['partly-met', 'Laptops too slow for Care Director on visits.'],
      supervision: ['met', 'Supervision is held monthly for most; moved at short notice in busy weeks.'],
      cpd: ['met', 'Protected learning time and access to research resources.'],
    };
    for (const [itemId, [rating, comment]] of Object.entries(ratings)) assessment = await selfAssessments.rate(assessment.id, itemId, { rating, comment }, assessment.version);
    counts.selfAssessments = 1;
  }
  return counts;
}
