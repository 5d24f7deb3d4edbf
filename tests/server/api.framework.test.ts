import { runAuditRemindersOnce } from '../../src/app/auditReminders';
import { allAuditTasks } from '../../src/ports/audits';
import type { ConversationReference, Messenger, OutgoingMessage } from '../../src/ports/messenger';
import type { ActionDto, FocusGroupDto, FocusGroupListDto, QualityReportDto, ReviewDto, ReviewYearDto, SelfAssessmentDto, SelfAssessmentPageDto } from '../../src/server/api/types';
import { composeInMemory } from '../support/composed';
import { TestClock } from '../fixtures/testClock';
import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * The rest of the framework through the tab's API, as the PSW, a facilitator, the management
 * team and staff use it: today is Monday 11 January 2027 (quarter 4), the 2026 plan is made.
 */
describe('focus groups, thematic reviews and self-assessments in the tab', () => {
  let world: ApiWorld;
  const as = (role: keyof ApiWorld['who'], method: string, path: string, body?: unknown) => call(world, world.who[role], method, path, body);
  beforeEach(async () => {
    world = await openApiWorld();
  });
  afterEach(() => world.close());

  it('schedules a focus group, invites the teams, records notes that name nobody, and puts a theme in the action plan', async () => {
    const scheduled = await as('psw', 'POST', '/api/framework/focus-groups', {
      purpose: 'health-check',
      date: '2027-01-21',
      time: '14:00',
      place: 'Teams meeting',
      facilitatorId: world.who.teamManager.id,
      invitedTeams: ['hospital'],
      invitedRoles: [],
    });
    expect(scheduled.status).toBe(201);
    let group = scheduled.body as FocusGroupDto;
    expect(group).toMatchObject({ status: 'scheduled', facilitator: world.who.teamManager.displayName, can: { invite: true, record: true } });

    const sent = (await as('psw', 'POST', `/api/framework/focus-groups/${group.id}/invitations`, { version: group.version })).body as FocusGroupDto & { added: number };
    const hospital = world.organisation.people.filter((p) => p.teamId === 'hospital' && p.id !== world.who.teamManager.id);
    expect(sent.added).toBe(hospital.length);
    expect(sent.invitations?.map((i) => i.personId).sort()).toEqual(hospital.map((p) => p.id as string).sort());
    group = sent;

    // The facilitator (a team manager) sees it, with who is invited; another team's manager and staff do not.
    expect((await as('teamManager', 'GET', `/api/framework/focus-groups/${group.id}`)).body).toMatchObject({ id: group.id, invitations: expect.any(Array) });
    expect((await as('serviceManager', 'GET', `/api/framework/focus-groups/${group.id}`)).status).toBe(404);
    expect((await as('staff', 'GET', '/api/framework/focus-groups')).status).toBe(403);
    const forTheManagementTeam = (await as('managementTeam', 'GET', `/api/framework/focus-groups/${group.id}`)).body as FocusGroupDto;
    expect(forTheManagementTeam.invitations).toBeUndefined();
    expect(forTheManagementTeam.invited).toBe(hospital.length);

    // Notes before the day are refused; on the day, a note naming someone is flagged and nothing is saved.
    expect((await as('teamManager', 'POST', `/api/framework/focus-groups/${group.id}/notes`, { version: group.version, notes: { q1: 'Fair.' } })).status).toBe(400);
    world.clock.set('2027-01-21T16:00:00Z');
    const someone = hospital[0]!.displayName;
    const flagged = await as('teamManager', 'POST', `/api/framework/focus-groups/${group.id}/notes`, {
      version: group.version,
      attended: 9,
      notes: { q1: 'Allocation felt fair.', q13: `${someone} said supervision is often moved.` },
    });
    expect(flagged.status).toBe(400);
    expect(flagged.body).toMatchObject({ fieldErrors: [{ field: 'notes.q13', message: expect.stringContaining(`"${someone}"`) }] });
    expect(((await as('teamManager', 'GET', `/api/framework/focus-groups/${group.id}`)).body as FocusGroupDto).notes).toEqual({});

    const held = (
      await as('teamManager', 'POST', `/api/framework/focus-groups/${group.id}/notes`, {
        version: group.version,
        attended: 9,
        notes: { q1: 'Allocation felt fair.', q13: 'One person said supervision is often moved.' },
        themes: [{ area: 'healthy-workplace', summary: 'Supervision moved at short notice' }],
      })
    ).body as FocusGroupDto;
    expect(held).toMatchObject({ status: 'held', attended: 9, keyThemes: [{ areaTitle: 'A healthy workplace', summary: 'Supervision moved at short notice', actionId: null }] });
    const made = (await as('teamManager', 'POST', `/api/framework/focus-groups/${group.id}/themes/0/action`, { version: held.version, ownerId: world.who.teamManager.id, due: '2027-03-31' }))
      .body as FocusGroupDto;
    const actionId = made.keyThemes[0]?.actionId;
    expect(actionId).toEqual(expect.any(String));
    const action = (await as('teamManager', 'GET', `/api/actions/${actionId}`)).body as ActionDto;
    expect(action).toMatchObject({ what: 'Supervision moved at short notice', ownerId: world.who.teamManager.id, due: '2027-03-31' });
    expect(action.progress).toMatch(/^From the focus group of Thursday 21 January 2027/);

    // The quarter's report carries its themes; nobody is named in it.
    const report = (await as('psw', 'GET', '/api/report/quarterly')).body as QualityReportDto;
    expect(report.framework.focusGroups).toEqual([
      { date: '2027-01-21', purpose: 'Annual health check', attended: 9, themes: [{ area: 'A healthy workplace', summary: 'Supervision moved at short notice', inActionPlan: true }] },
    ]);
    expect(JSON.stringify(report.framework)).not.toContain(world.who.teamManager.displayName);
  });

  it("runs a thematic review through its stages to findings and recommendations, and completes the quarter's task", async () => {
    const year = (await as('psw', 'GET', '/api/framework/reviews?year=2026')).body as ReviewYearDto;
    expect(year.slots.map((s) => s.slot)).toEqual([1, 2, 3, 4]);
    expect(year.missingCoverage).toEqual(['Personalisation', 'Safeguarding practice']);
    const task = year.slots[3]!.task!;
    const members = [world.who.supervisor.id, world.who.teamManager.id];
    const created = await as('psw', 'POST', '/api/framework/reviews', {
      year: 2026,
      slot: 4,
      theme: 'Carers\u2019 assessments',
      reasons: ['complaints'],
      covers: ['personalisation'],
      scope: 'Carers\u2019 assessments in the last year.',
      objectives: 'How often carers are offered an assessment.',
      methods: ['case-audit'],
      leadId: world.who.psw.id,
      reviewGroup: members,
      stages: { scope: '2027-01-15', research: '2027-02-12', report: '2027-03-19' },
    });
    expect(created.status).toBe(201);
    let review = created.body as ReviewDto;
    expect((await as('psw', 'POST', '/api/framework/reviews', { year: 2026, slot: 4, theme: 'Again' })).status).toBe(400);

    // A member of the review group works on it; someone outside it cannot see it.
    expect((await as('serviceManager', 'GET', `/api/framework/reviews/${review.id}`)).status).toBe(404);
    expect(((await as('supervisor', 'GET', '/api/framework/reviews?year=2026')).body as ReviewYearDto).slots.map((s) => s.slot)).toEqual([4]);
    for (const stage of ['scope', 'research']) review = (await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/stages/${stage}/complete`, { version: review.version })).body as ReviewDto;
    const early = await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/stages/report/complete`, { version: review.version });
    expect(early.body).toMatchObject({ error: expect.stringMatching(/Record the review's findings/) });
    const named = await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/findings`, { version: review.version, text: `${world.who.staff.displayName} never offers one.` });
    expect(named.status).toBe(400);
    review = (await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/findings`, { version: review.version, text: 'Carers are offered an assessment in two cases out of three.' }))
      .body as ReviewDto;
    review = (await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/recommendations`, { version: review.version, text: 'Prompt for a carer\u2019s assessment at every review.' }))
      .body as ReviewDto;
    expect(
      (
        await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/recommendations/${review.recommendations[0]!.id}/action`, {
          version: review.version,
          ownerId: world.who.psw.id,
          due: '2027-06-30',
        })
      ).status,
    ).toBe(403);
    review = (
      await as('psw', 'POST', `/api/framework/reviews/${review.id}/recommendations/${review.recommendations[0]!.id}/action`, { version: review.version, ownerId: world.who.psw.id, due: '2027-06-30' })
    ).body as ReviewDto;
    expect(review.recommendations[0]?.actionId).toEqual(expect.any(String));
    review = (await as('supervisor', 'POST', `/api/framework/reviews/${review.id}/stages/report/complete`, { version: review.version })).body as ReviewDto;
    expect(review).toMatchObject({ status: 'completed', can: { work: false } });
    const done = (await allAuditTasks(world.audits, 2026)).find((t) => t.id === task.id);
    expect(done).toMatchObject({ status: 'completed', completedOn: '2027-01-11' });
    const report = (await as('managementTeam', 'GET', '/api/report/quarterly')).body as QualityReportDto;
    expect(report.framework.reviews).toEqual([
      {
        theme: 'Carers\u2019 assessments',
        status: 'Completed',
        stage: 'Completed',
        findings: ['Carers are offered an assessment in two cases out of three.'],
        recommendations: [{ text: 'Prompt for a carer\u2019s assessment at every review.', inActionPlan: true }],
      },
    ]);
  });

  it("starts the health check self-assessment with the app's evidence, rates it, and has it endorsed by the management team", async () => {
    const page = (await as('psw', 'GET', '/api/framework/self-assessments?kind=health-check&year=2026')).body as SelfAssessmentPageDto;
    expect(page).toMatchObject({ assessment: null, can: { start: true }, task: { status: 'planned' } });
    let a = (await as('psw', 'POST', '/api/framework/self-assessments', { kind: 'health-check', year: 2026 })).body as SelfAssessmentDto;
    expect(a.items.map((i) => i.title)).toEqual([
      'Effective workload management',
      'Proactive workflow management',
      'Having the right tools to do the job',
      'A healthy workplace',
      'Effective service delivery',
    ]);
    const workload = a.items[0]!;
    expect(workload.evidence.map((e) => e.sourceLabel)).toEqual(expect.arrayContaining(['Health check survey', 'Caseload audit', 'Audit compliance']));
    expect(workload.evidence.find((e) => e.source === 'caseloads')?.figure).toMatch(/open cases a worker/);
    expect((await as('psw', 'POST', `/api/framework/self-assessments/${a.id}/submit`, { version: a.version })).body).toMatchObject({
      fieldErrors: expect.arrayContaining([{ field: 'items.workload', message: 'Effective workload management: rate it before submitting.' }]),
    });
    for (const item of a.items)
      a = (
        await as('psw', 'PATCH', `/api/framework/self-assessments/${a.id}/items/${item.id}`, {
          version: a.version,
          rating: item.id === 'tools' ? 'partly-met' : 'met',
          comment: item.id === 'tools' ? 'Laptops are slow on visits.' : '',
        })
      ).body as SelfAssessmentDto;
    a = (
      await as('psw', 'POST', `/api/framework/self-assessments/${a.id}/items/tools/actions`, { version: a.version, what: 'Replace the slowest laptops', ownerId: world.who.psw.id, due: '2027-06-30' })
    ).body as SelfAssessmentDto;
    expect(a.items.find((i) => i.id === 'tools')?.actions).toEqual([{ id: expect.any(String), what: 'Replace the slowest laptops', status: 'Not started', due: '2027-06-30' }]);
    a = (await as('psw', 'POST', `/api/framework/self-assessments/${a.id}/submit`, { version: a.version })).body as SelfAssessmentDto;
    expect(a.status).toBe('submitted');
    // The PSW does not endorse their own; the management team does.
    expect((await as('psw', 'POST', `/api/framework/self-assessments/${a.id}/endorse`, { version: a.version })).status).toBe(403);
    expect((await as('staff', 'GET', '/api/framework/self-assessments?kind=health-check')).status).toBe(403);
    const endorsed = (await as('managementTeam', 'POST', `/api/framework/self-assessments/${a.id}/endorse`, { version: a.version })).body as SelfAssessmentDto;
    expect(endorsed).toMatchObject({ status: 'endorsed', endorsedOn: '2027-01-11', endorsedBy: world.who.managementTeam.displayName });
    expect((await as('psw', 'PATCH', `/api/framework/self-assessments/${a.id}/items/tools`, { version: endorsed.version, rating: 'met' })).status).toBe(400);
    const task = (await allAuditTasks(world.audits, 2026)).find((t) => t.activity === 'health-check');
    expect(task).toMatchObject({ status: 'completed', completedOn: '2027-01-11' });
    const report = (await as('psw', 'GET', '/api/report/quarterly')).body as QualityReportDto;
    expect(report.framework.selfAssessments).toEqual([
      {
        title: 'Annual health check self-assessment 2026/27',
        status: 'Endorsed',
        endorsedOn: '2027-01-11',
        items: expect.arrayContaining([{ title: 'Having the right tools to do the job', rating: 'Partly met' }]),
      },
    ]);
  });

  it('refuses a stale change with 409 and a version that is not a number with 400', async () => {
    const group = (
      await as('psw', 'POST', '/api/framework/focus-groups', { date: '2027-02-01', time: '10:00', place: 'Room 1', facilitatorId: world.who.psw.id, invitedRoles: ['occupational-therapist'] })
    ).body as FocusGroupDto;
    expect((await as('psw', 'PATCH', `/api/framework/focus-groups/${group.id}`, { version: group.version, place: 'Room 2' })).status).toBe(200);
    expect((await as('psw', 'PATCH', `/api/framework/focus-groups/${group.id}`, { version: group.version, place: 'Room 3' })).status).toBe(409);
    expect((await as('psw', 'POST', `/api/framework/focus-groups/${group.id}/cancel`, { version: 'x' })).status).toBe(400);
    const list = (await as('psw', 'GET', '/api/framework/focus-groups?year=2026')).body as FocusGroupListDto;
    expect(list.groups.map((g) => g.place)).toEqual(['Room 2']);
  });
});

describe('focus group invitations and stage reminders go out in the audit reminder pass', () => {
  it('sends each invitation once, and a stage reminder to the review group on the day', async () => {
    const clock = new TestClock(new Date('2027-01-11T10:00:00Z'));
    const organisation = demoOrganisation();
    const phc = await composeInMemory({ clock, directory: { organisation: () => Promise.resolve(organisation) }, auditSeed: () => 1 });
    try {
      const psw = organisation.people.find((p) => p.role === 'principal-social-worker')!;
      const { focusGroups, reviews } = phc.services.framework;
      const group = await focusGroups.schedule({ date: '2027-01-28', time: '14:00', place: 'Teams meeting', facilitatorId: psw.id, invitedTeams: ['intake'] }, psw.id);
      const { added } = await focusGroups.invite(group.id, group.version);
      await reviews.create(
        2026,
        1,
        {
          theme: 'Hospital discharge',
          scope: 'Discharges in December.',
          objectives: 'Delays and their causes.',
          leadId: psw.id,
          reviewGroup: [organisation.people[5]!.id],
          stages: { scope: '2027-01-11', research: '2027-02-01', report: '2027-03-01' },
        },
        psw.id,
      );
      const sent: { person: string; message: OutgoingMessage }[] = [];
      const messenger: Messenger = { send: async (message, reference) => (sent.push({ person: String(reference.user), message }), { kind: 'sent' }) };
      const conversations = { get: async (id: string): Promise<ConversationReference> => ({ user: id, serviceUrl: 'http://x', conversation: { id: `c-${id}` } }) };
      const run = () => runAuditRemindersOnce({ ...phc.reminders, messenger, conversations, tasks: [] });
      await run();
      const invitations = sent.filter((s) => s.message.kind === 'focus-group');
      expect(invitations).toHaveLength(added);
      expect(invitations[0]?.message).toMatchObject({ kind: 'focus-group', change: 'invitation', focusGroup: { date: '2027-01-28', facilitator: psw.displayName } });
      expect(
        sent
          .filter((s) => s.message.kind === 'review-stage')
          .map((s) => s.person)
          .sort(),
      ).toEqual([psw.id, organisation.people[5]!.id].sort());
      await run();
      expect(sent.filter((s) => s.message.kind === 'focus-group')).toHaveLength(added);

      // Cancelled: word goes to whoever the invitation reached, once.
      const latest = await focusGroups.get(group.id);
      await focusGroups.cancel(group.id, latest.version);
      sent.length = 0;
      await run();
      await run();
      expect(sent.map((s) => s.message.kind === 'focus-group' && s.message.change)).toEqual(Array(added).fill('cancelled'));
    } finally {
      await phc.close();
    }
  });
});
