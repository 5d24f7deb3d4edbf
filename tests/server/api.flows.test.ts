import { validateAuditForm } from '../../src/domain/audit/forms/validate';
import type { AuditForm, AuditPart } from '../../src/domain/audit/forms/types';
import type { AuditTaskRecord } from '../../src/domain/audit/compliance';
import { mergeAnswers } from '../../src/domain/survey/merge';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { allAuditTasks } from '../../src/ports/audits';
import { answersFor } from '../fixtures/cardAnswers';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/** Completing things through the API: the survey, an audit form, the action plan. */

function input(form: AuditForm, part: AuditPart): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const section of form.sections) {
    if (section.part !== part) continue;
    for (const item of section.items) out[item.id] = item.kind === 'rating' ? { rating: 'yes', comment: 'Seen in the case record.' } : item.kind === 'actions' ? [] : 'Discussed and agreed.';
  }
  return out;
}

describe('the survey through the API', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('gives the open questionnaire and the anonymity promise', async () => {
    const body = (await call(world, world.who.staff, 'GET', '/api/surveys/open')).body as { cycle: { id: string }; questionnaire: { id: string }; status: string; promise: string };
    expect(body.cycle.id).toBe('2026-27');
    expect(body.questionnaire.id).toBe(healthCheck.id);
    expect(body.status).toBe('not-started');
    expect(body.promise).toMatch(/anonymous/);
  });

  it('refuses bad answers with the same errors as the bot, and keeps nothing of them', async () => {
    const bad = { role: 'astronaut' };
    const res = await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/draft', { answers: bad, sectionIndex: 0 });
    expect(res.status).toBe(400);
    const expected = mergeAnswers(healthCheck, {}, bad, { mode: 'draft' });
    expect(expected.ok).toBe(false);
    expect((res.body as { answerErrors: unknown }).answerErrors).toEqual(expected.ok ? [] : expected.errors);
    expect(((await call(world, world.who.staff, 'GET', '/api/surveys/open')).body as { status: string }).status).toBe('not-started');
  });

  it("requires a section's required answers on Next, saves step by step, and submits once", async () => {
    const next = await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/draft', { answers: {}, sectionIndex: 1, requireSection: 'about-you' });
    expect(next.status).toBe(400);
    expect((next.body as { answerErrors: unknown[] }).answerErrors.length).toBeGreaterThan(0);
    const all = answersFor('social-worker');
    expect(
      (
        await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/draft', {
          answers: { role: all.role, team: all.team, 'length-of-service': all['length-of-service'], contract: all.contract },
          sectionIndex: 1,
          requireSection: 'about-you',
        })
      ).status,
    ).toBe(200);
    const open = (await call(world, world.who.staff, 'GET', '/api/surveys/open')).body as { status: string; draft: { sectionIndex: number } };
    expect(open).toMatchObject({ status: 'started', draft: { sectionIndex: 1 } });
    const incomplete = await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/submit', {});
    expect(incomplete.status).toBe(400);
    expect((await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/submit', { answers: all })).body).toEqual({ ok: true, outcome: 'submitted' });
    expect((await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/submit', { answers: all })).body).toEqual({ ok: true, outcome: 'already-submitted' });
    expect((await world.app.stores.participation.counts('2026-27' as never)).submitted).toBe(1);
    const after = await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/draft', { answers: {}, sectionIndex: 0 });
    expect(after.status).toBe(400);
    expect((after.body as { error: string }).error).toMatch(/already sent your answers/);
  });

  it('refuses a closed or unknown cycle and malformed requests in words', async () => {
    expect((await call(world, world.who.teamManager, 'POST', '/api/surveys/2025-26/draft', { answers: {}, sectionIndex: 0 })).body).toMatchObject({
      error: expect.stringMatching(/closed on Sunday 30 November 2025/),
    });
    expect((await call(world, world.who.teamManager, 'POST', '/api/surveys/2024-25/submit', {})).status).toBe(400);
    expect((await call(world, world.who.teamManager, 'POST', '/api/surveys/2026-27/draft', { answers: {}, sectionIndex: 99 })).status).toBe(400);
    const res = await fetch(`${world.base}/api/surveys/2026-27/draft`, { method: 'POST', headers: { 'x-phc-persona': world.who.teamManager.id }, body: '{not json' });
    expect(res.status).toBe(400);
  });
});

describe('an audit form through the API', () => {
  let world: ApiWorld;
  let task: AuditTaskRecord;
  beforeAll(async () => {
    world = await openApiWorld();
    const tasks = await allAuditTasks(world.audits, 2026);
    const found = tasks.find((t) => t.form === 'appendix-2' && t.subject.kind === 'person' && t.subject.personId === world.who.staff.id);
    if (!found) throw new Error('no practice standards audit of the staff member in the demo plan');
    task = found;
  });
  afterAll(() => world.close());
  const path = (step?: string) => `/api/audits/task${step ? `/${step}` : ''}?id=${encodeURIComponent(task.id)}`;
  const auditor = () => world.organisation.people.find((p) => p.id === task.auditorId)!;
  const lineManagerOfAuditor = () => world.organisation.people.find((p) => p.id === auditor().lineManagerId)!;

  it('shows the form definition and no record yet, with what the viewer may do', async () => {
    const res = await call(world, auditor(), 'GET', path());
    expect(res.status).toBe(200);
    const body = res.body as { form: { id: string }; record: unknown; can: Record<string, boolean> };
    expect(body.form.id).toBe('appendix-2');
    expect(body.record).toBeNull();
    expect(body.can).toMatchObject({ saveLead: true, submit: true, signOff: false });
    expect(((await call(world, world.who.staff, 'GET', path())).body as { can: Record<string, boolean> }).can.submit).toBe(false);
  });

  it('refuses an incomplete submit with the same errors as the bot, item by item', async () => {
    const res = await call(world, auditor(), 'POST', path('submit'), { answers: {} });
    expect(res.status).toBe(400);
    const { form } = (await call(world, auditor(), 'GET', path())).body as { form: AuditForm };
    const expected = validateAuditForm(form, {}, { mode: 'submit', part: 'auditor' });
    expect(expected.ok).toBe(false);
    expect((res.body as { auditErrors: unknown }).auditErrors).toEqual(expected.ok ? [] : expected.errors);
  });

  it('saves a draft, submits, refuses sign-off by the auditor and the subject, and is signed off by the line manager', async () => {
    const { form } = (await call(world, auditor(), 'GET', path())).body as { form: AuditForm };
    const full = input(form, 'auditor');
    const firstKey = Object.keys(full)[0]!;
    expect((await call(world, auditor(), 'POST', path('draft'), { part: 'auditor', answers: { [firstKey]: full[firstKey] } })).status).toBe(200);
    // Someone who may not see it learns nothing, not even that it exists.
    const stranger = await call(world, world.who.managementTeam, 'POST', path('draft'), { part: 'auditor', answers: {} });
    expect(stranger.status).toBe(403);
    expect((await call(world, world.who.staff, 'POST', path('submit'), { answers: full })).status).toBe(403);
    const submitted = await call(world, auditor(), 'POST', path('submit'), { answers: full });
    expect(submitted.status).toBe(200);
    expect((submitted.body as { record: { status: string } }).record.status).toBe('submitted');
    expect((await call(world, auditor(), 'POST', path('sign-off'))).status).toBe(403);
    expect((await call(world, world.who.staff, 'POST', path('sign-off'))).status).toBe(403);
    const signed = await call(world, lineManagerOfAuditor(), 'POST', path('sign-off'));
    expect(signed.status).toBe(200);
    expect((signed.body as { record: { status: string; history: { byName: string }[] } }).record).toMatchObject({ status: 'signed-off' });
    expect((await world.audits.get(task.id))?.status).toBe('completed');
    expect((await call(world, auditor(), 'POST', path('amend'), { answers: full })).status).toBe(403);
  });

  it('says which audit is missing and refuses unknown steps', async () => {
    expect((await call(world, world.who.psw, 'GET', '/api/audits/task')).status).toBe(400);
    expect((await call(world, world.who.staff, 'GET', '/api/audits/task?id=2026%2Fnope')).status).toBe(403);
    expect((await call(world, world.who.psw, 'POST', path('explode'))).status).toBe(404);
  });
});

describe('the action plan through the API', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('refuses a bad action with every problem by field', async () => {
    const res = await call(world, world.who.teamManager, 'POST', '/api/actions', {
      what: '',
      ownerId: 'nobody',
      due: '31/12/2027',
      status: 'finished',
      link: { kind: 'question', questionId: 'no-such-question' },
    });
    expect(res.status).toBe(400);
    expect((res.body as { fieldErrors: { field: string }[] }).fieldErrors.map((e) => e.field).sort()).toEqual(['due', 'link', 'ownerId', 'status', 'what']);
    expect((await call(world, world.who.psw, 'GET', '/api/actions')).body).toEqual({ actions: [] });
  });

  it('creates, reads, changes with the version read, refuses a stale change, and deletes', async () => {
    const created = await call(world, world.who.teamManager, 'POST', '/api/actions', {
      what: 'Protected time for case recording',
      ownerId: world.who.teamManager.id,
      due: '2027-04-30',
      link: { kind: 'question', questionId: 'caseload-fair', cycleId: '2025-26' },
    });
    expect(created.status).toBe(201);
    const action = created.body as { id: string; version: number; canEdit: boolean; link: { text: string }; ownerName: string };
    expect(action).toMatchObject({ version: 1, canEdit: true, ownerName: world.who.teamManager.displayName });
    expect(action.link.text).toMatch(/caseload/i);
    // Staff see it (it is about a question, not a person) but may not change it.
    const seen = await call(world, world.who.staff, 'GET', `/api/actions/${action.id}`);
    expect(seen.body).toMatchObject({ id: action.id, canEdit: false });
    expect((await call(world, world.who.staff, 'PATCH', `/api/actions/${action.id}`, { status: 'done', version: 1 })).status).toBe(403);
    expect((await call(world, world.who.serviceManager, 'PATCH', `/api/actions/${action.id}`, { status: 'done', version: 1 })).status).toBe(403);
    const changed = await call(world, world.who.teamManager, 'PATCH', `/api/actions/${action.id}`, { status: 'in-progress', progress: 'Agreed with the team.', version: 1 });
    expect(changed.body).toMatchObject({ status: 'in-progress', progress: 'Agreed with the team.', version: 2, what: 'Protected time for case recording' });
    const stale = await call(world, world.who.psw, 'PATCH', `/api/actions/${action.id}`, { status: 'done', version: 1 });
    expect(stale.status).toBe(409);
    expect((await call(world, world.who.psw, 'PATCH', `/api/actions/${action.id}`, { status: 'done' })).status).toBe(400);
    expect(((await call(world, world.who.staff, 'GET', '/api/actions?status=in-progress')).body as { actions: unknown[] }).actions).toHaveLength(1);
    expect(((await call(world, world.who.staff, 'GET', '/api/actions?link=audit')).body as { actions: unknown[] }).actions).toHaveLength(0);
    expect((await call(world, world.who.staff, 'GET', '/api/actions?status=maybe')).status).toBe(400);
    expect((await call(world, world.who.staff, 'DELETE', `/api/actions/${action.id}`)).status).toBe(403);
    expect((await call(world, world.who.teamManager, 'DELETE', `/api/actions/${action.id}`)).status).toBe(204);
    expect((await call(world, world.who.teamManager, 'GET', `/api/actions/${action.id}`)).status).toBe(404);
  });

  it('keeps actions linked to an audit from people who may not see the audit', async () => {
    const tasks = await allAuditTasks(world.audits, 2026);
    const hospitalAudit = tasks.find((t) => t.subject.kind === 'person' && t.subject.personId === world.who.staff.id)!;
    const created = await call(world, world.who.teamManager, 'POST', '/api/actions', {
      what: 'Refresh training on chronologies',
      ownerId: world.who.supervisor.id,
      due: '2027-03-31',
      link: { kind: 'audit', auditId: hospitalAudit.id },
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await call(world, world.who.psw, 'GET', `/api/actions/${id}`)).status).toBe(200);
    expect((await call(world, world.who.supervisor, 'GET', `/api/actions/${id}`)).status).toBe(200);
    // The management team member runs another service: not their audit.
    expect((await call(world, world.who.managementTeam, 'GET', `/api/actions/${id}`)).status).toBe(404);
    expect(((await call(world, world.who.managementTeam, 'GET', '/api/actions')).body as { actions: { id: string }[] }).actions.map((a) => a.id)).not.toContain(id);
    // Nor can they link to an audit they cannot see.
    const refused = await call(world, world.who.managementTeam, 'POST', '/api/actions', {
      what: 'x',
      ownerId: world.who.managementTeam.id,
      due: '2027-03-31',
      link: { kind: 'audit', auditId: hospitalAudit.id },
    });
    expect(refused.status).toBe(400);
  });

  it('queues "You said, we did" once for every member of staff', async () => {
    const empty = await call(world, world.who.psw, 'POST', '/api/actions/you-said-we-did', { message: '  ' });
    expect(empty.status).toBe(400);
    const res = await call(world, world.who.psw, 'POST', '/api/actions/you-said-we-did', { message: 'You said supervision was being cancelled; we now protect it in every diary.', actionIds: [] });
    expect(res.status).toBe(202);
    const { id, queued } = res.body as { id: string; queued: number };
    expect(queued).toBe(world.organisation.people.length);
    expect(await world.actions.deliveries(id)).toEqual({ queued: world.organisation.people.length });
    expect((await world.actions.updates()).map((u) => u.message)).toEqual(['You said supervision was being cancelled; we now protect it in every diary.']);
  });
});

describe('cycle management through the API', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('lets the PSW close the open cycle and open the next, queueing its invitations', async () => {
    expect((await call(world, world.who.teamManager, 'POST', '/api/health-check/cycles/2026-27/close')).status).toBe(403);
    const closed = await call(world, world.who.psw, 'POST', '/api/health-check/cycles/2026-27/close');
    expect(closed.body).toMatchObject({ id: '2026-27', status: 'closed', hasResults: true });
    const bad = await call(world, world.who.psw, 'POST', '/api/health-check/cycles', { id: 'Next Year', closesOn: '2027-03-31' });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: string }).error).toMatch(/cannot be a cycle id/);
    expect((await call(world, world.who.psw, 'POST', '/api/health-check/cycles', { id: 'pulse-2027-02', closesOn: '2027-02-28', threshold: 2 })).status).toBe(400);
    const opened = await call(world, world.who.admin, 'POST', '/api/health-check/cycles', { id: 'pulse-2027-02', closesOn: '2027-02-28', title: 'February pulse' });
    expect(opened.status).toBe(201);
    const body = opened.body as { cycle: { id: string; status: string; threshold: number }; queued: { audience: number; invitations: number } };
    expect(body.cycle).toMatchObject({ id: 'pulse-2027-02', status: 'open', threshold: 5 });
    expect(body.queued.invitations).toBe(body.queued.audience);
    expect(body.queued.audience).toBe(world.organisation.people.filter((p) => p.role !== 'service-manager' && p.role !== 'principal-social-worker').length);
    const progress = await world.outbox.progress('pulse-2027-02' as never);
    expect(progress.find((p) => p.kind === 'invitation')?.counts.queued).toBe(body.queued.audience);
  });
});
