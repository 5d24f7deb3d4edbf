import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * A pulse survey run by the PSW through the tab's API alone: a questionnaire copied from a
 * template and edited, a draft cycle for two teams beside the open Health Check, opened,
 * closed and published; every mistake refused in words that name the field.
 */

interface FieldErrorBody {
  readonly error: string;
  readonly fieldErrors?: readonly { readonly field: string; readonly message: string }[];
}

const fieldsOf = (body: unknown): string[] => ((body as FieldErrorBody).fieldErrors ?? []).map((e) => e.field);

describe('a pulse survey through the API', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('lists the Health Check and the five pulse templates to the PSW, and to nobody who does not run surveys', async () => {
    const res = await call(world, world.who.psw, 'GET', '/api/questionnaires');
    expect(res.status).toBe(200);
    const list = (res.body as { questionnaires: { id: string; kind: string; template: boolean }[] }).questionnaires;
    expect(list.find((q) => q.id === 'health-check')).toMatchObject({ kind: 'health-check', template: false });
    expect(
      list
        .filter((q) => q.template)
        .map((q) => q.id)
        .sort(),
    ).toEqual(['template-learning', 'template-supervision', 'template-team-culture', 'template-workload', 'template-you-said-we-did']);
    expect((await call(world, world.who.staff, 'GET', '/api/questionnaires')).status).toBe(403);
    expect((await call(world, world.who.teamManager, 'GET', '/api/questionnaires')).status).toBe(403);
  });

  it('copies a template, keeps the bank question ids, and refuses an edit that would break it, saving nothing', async () => {
    const copied = await call(world, world.who.psw, 'POST', '/api/questionnaires', { from: 'template-supervision', id: 'supervision-spring', title: 'Supervision pulse, spring 2027' });
    expect(copied.status).toBe(201);
    const { questionnaire } = copied.body as { questionnaire: { id: string; version: number; kind: string; sections: { questions: { id: string; text: string }[] }[] } };
    expect(questionnaire).toMatchObject({ id: 'supervision-spring', version: 1, kind: 'pulse' });
    expect(questionnaire.sections.flatMap((s) => s.questions.map((q) => q.id))).toContain('supervision-quality');

    const again = await call(world, world.who.psw, 'POST', '/api/questionnaires', { from: 'template-supervision', id: 'supervision-spring' });
    expect(again.status).toBe(400);
    expect(fieldsOf(again.body)).toEqual(['id']);

    const removeAll = questionnaire.sections.flatMap((s) => s.questions.map((q) => ({ op: 'remove', question: q.id })));
    const refused = await call(world, world.who.psw, 'PATCH', '/api/questionnaires/supervision-spring', { version: 1, edits: removeAll });
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body)).toEqual(['questions']);
    const kept = await call(world, world.who.psw, 'GET', '/api/questionnaires/supervision-spring');
    expect((kept.body as { questionnaire: { version: number } }).questionnaire.version).toBe(1);

    // A show-if rule pointing at a question the survey does not ask, then a good edit saved as version 2.
    const orphan = await call(world, world.who.psw, 'PATCH', '/api/questionnaires/supervision-spring', { version: 1, edits: [{ op: 'add-from-bank', question: 'care-director-training' }] });
    expect(fieldsOf(orphan.body)).toEqual(['questions.care-director-training.showIf']);
    const edits = [
      { op: 'remove', question: 'supervision-postponed' },
      { op: 'remove', question: 'decisions-without-support' },
      { op: 'reword', question: 'supervision-quality', text: 'How good is the supervision you get?' },
      { op: 'add-custom', kind: 'zero-to-ten', text: 'How well does supervision help you manage your caseload?' },
    ];
    const saved = await call(world, world.who.psw, 'PATCH', '/api/questionnaires/supervision-spring', { version: 1, edits });
    expect(saved.status).toBe(200);
    const v2 = (saved.body as { questionnaire: { version: number; sections: { questions: { id: string }[] }[] } }).questionnaire;
    expect(v2.version).toBe(2);
    expect(v2.sections.flatMap((s) => s.questions.map((q) => q.id))).toEqual(['supervision-frequency', 'supervision-quality', 'supervision-reflection', 'complex-case-support', 'own-2-1']);
    // The same edits again on the version that is no longer the latest: someone else got there first.
    expect((await call(world, world.who.psw, 'PATCH', '/api/questionnaires/supervision-spring', { version: 1, edits })).status).toBe(409);
    expect((await call(world, world.who.psw, 'PATCH', '/api/questionnaires/template-supervision', { version: 1, edits })).status).toBe(400);
  });

  it('refuses a cycle with a threshold below 5, a closing date before the opening date or an audience nobody is in, naming each field', async () => {
    const res = await call(world, world.who.psw, 'POST', '/api/cycles', {
      id: 'pulse-bad',
      surveyId: 'supervision-spring',
      opensOn: '2027-02-01',
      closesOn: '2027-01-20',
      threshold: 4,
      audience: { kind: 'teams', teamIds: ['no-such-team'] },
    });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body).sort()).toEqual(['audience', 'closesOn', 'threshold']);
    expect((await call(world, world.who.psw, 'GET', '/api/cycles/pulse-bad')).status).toBe(404);
  });

  it('opens a pulse for two teams while the Health Check is open, then refuses a change to its threshold', async () => {
    const made = await call(world, world.who.psw, 'POST', '/api/cycles', {
      id: 'pulse-2027-01',
      surveyId: 'supervision-spring',
      opensOn: '2027-01-11',
      closesOn: '2027-01-29',
      threshold: 5,
      audience: { kind: 'teams', teamIds: ['hospital', 'intake'] },
    });
    expect(made.status).toBe(201);
    const opened = await call(world, world.who.psw, 'POST', '/api/cycles/pulse-2027-01/open', {});
    expect(opened.status).toBe(200);
    expect((opened.body as { cycle: { status: string } }).cycle.status).toBe('open');
    const cycles = (await call(world, world.who.psw, 'GET', '/api/health-check/cycles')).body as { id: string; status: string }[];
    expect(
      cycles
        .filter((c) => c.status === 'open')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['2026-27', 'pulse-2027-01']);
    const change = await call(world, world.who.psw, 'PATCH', '/api/cycles/pulse-2027-01', { threshold: 6 });
    expect(change.status).toBe(400);
    expect(fieldsOf(change.body)).toEqual(['threshold']);
    expect((change.body as FieldErrorBody).error).toMatch(/cannot change: it is open, and people answered on the promise that groups smaller than 5 are hidden/);
  });

  it('is answered only by the two teams, closed, read by the PSW first and by staff once published, with the Health Check beside each figure', async () => {
    const hospital = world.organisation.people.filter((p) => p.teamId === 'hospital' && p.role === 'social-worker').slice(0, 5);
    const elsewhere = world.organisation.people.find((p) => p.teamId === 'short-term' && p.role === 'social-worker')!;
    const answers = { 'supervision-frequency': 'monthly', 'supervision-quality': 'completely', 'supervision-reflection': 'yes', 'complex-case-support': 'great-extent', 'own-2-1': 7 };
    const open = (await call(world, hospital[0]!, 'GET', '/api/surveys/open?cycle=pulse-2027-01')).body as { cycle: { id: string }; questionnaire: { id: string }; choices: { id: string }[] };
    expect(open.questionnaire.id).toBe('supervision-spring');
    expect(open.choices.map((c) => c.id).sort()).toEqual(['2026-27', 'pulse-2027-01']);
    for (const person of hospital) expect((await call(world, person, 'POST', '/api/surveys/pulse-2027-01/submit', { answers })).status).toBe(200);
    const outsider = await call(world, elsewhere, 'POST', '/api/surveys/pulse-2027-01/submit', { answers });
    expect(outsider.status).toBe(400);
    expect((outsider.body as FieldErrorBody).error).toMatch(/for a group of staff you are not in/);
    expect(((await call(world, elsewhere, 'GET', '/api/surveys/open')).body as { choices: { id: string }[] }).choices.map((c) => c.id)).toEqual(['2026-27']);

    expect((await call(world, world.who.psw, 'POST', '/api/cycles/pulse-2027-01/close')).status).toBe(200);
    const path = '/api/health-check/cycles/pulse-2027-01/results';
    expect((await call(world, hospital[0]!, 'GET', path)).status).toBe(403);
    const early = await call(world, world.who.psw, 'GET', path);
    expect(early.status).toBe(200);
    const published = await call(world, world.who.psw, 'POST', '/api/cycles/pulse-2027-01/publish');
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      cycle: { id: 'pulse-2027-01', publishedOn: '2027-01-11', hasResults: true },
      notices: world.organisation.people.filter((p) => p.teamId === 'hospital' || p.teamId === 'intake').length,
    });
    expect((await world.outbox.progress('pulse-2027-01' as never)).find((p) => p.kind === 'results')?.counts.queued).toBe((published.body as { notices: number }).notices);

    const read = await call(world, hospital[1]!, 'GET', path);
    expect(read.status).toBe(200);
    const dto = read.body as {
      asked: string;
      lines: Record<string, string>;
      results: { respondents: number; questions: { id: string; headline?: { previous: { cycle: string; label?: string }[] } }[] };
    };
    expect(dto.results.respondents).toBe(5);
    expect(dto.asked).toBe('Hospital team and Intake');
    // The Health Check's own figure for the same question, named, beside the pulse's.
    expect(dto.lines['supervision-quality']).toMatch(
      /^100% are completely or to a greater extent satisfied with the quality of supervision \(\d+% in the 2025 Health Check; \d+% in the 2024 Health Check/,
    );
    expect(dto.results.questions.find((q) => q.id === 'own-2-1')?.headline).toBeUndefined();
  });
});
