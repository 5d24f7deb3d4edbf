import { allAuditTasks } from '../../src/ports/audits';
import { asIsoDate } from '../../src/domain/shared/brand';
import type { Person } from '../../src/domain/organisation/types';
import { call, openApiWorld, type ApiWorld } from './apiWorld';

/**
 * The access log (who read or exported named records, when; no content). Every route of the
 * tab's API is called as the Principal Social Worker (who may see everything) and, for the
 * DPO's own pages, as the Data Protection Officer; wherever the answer names someone else
 * (their id or their name from the directory), the route must declare the named records it
 * serves and a line must be written for that call. A new route with no sample call here fails.
 */
let world: ApiWorld;
let staffAudit = '';
let actionId = '';
let focusGroupId = '';
let reviewId = '';

/** A call for each GET route (and the reads of the print page), with what it needs. */
const SAMPLES: Readonly<Record<string, (w: ApiWorld) => { readonly path: string; readonly as?: Person }>> = {
  '/api/me': () => ({ path: '/api/me' }),
  '/api/people': () => ({ path: '/api/people?q=a' }),
  '/api/health-check/cycles': () => ({ path: '/api/health-check/cycles' }),
  '/api/health-check/cycles/:cycle/results': () => ({ path: '/api/health-check/cycles/2025-26/results?by=team' }),
  '/api/health-check/cycles/:cycle/changes': () => ({ path: '/api/health-check/cycles/2024-25/changes' }),
  '/api/health-check/cycles/:cycle/response-rate': () => ({ path: '/api/health-check/cycles/2025-26/response-rate' }),
  '/api/health-check/trends': () => ({ path: '/api/health-check/trends?question=caseload-fair' }),
  '/api/audits/compliance': () => ({ path: '/api/audits/compliance?year=2026' }),
  '/api/audits/due': () => ({ path: '/api/audits/due?year=2026' }),
  '/api/audits/mine': (w) => ({ path: '/api/audits/mine?year=2026', as: w.who.supervisor }),
  '/api/audits/task': () => ({ path: `/api/audits/task?id=${encodeURIComponent(staffAudit)}` }),
  '/api/supervision/frequency': () => ({ path: '/api/supervision/frequency?from=2026-10-01&to=2026-12-31' }),
  '/api/surveys/open': (w) => ({ path: '/api/surveys/open', as: w.who.staff }),
  '/api/actions': () => ({ path: '/api/actions' }),
  '/api/actions/:id': () => ({ path: `/api/actions/${actionId}` }),
  '/api/caseloads': () => ({ path: '/api/caseloads' }),
  '/api/org-data': () => ({ path: '/api/org-data' }),
  '/api/org-data/teams/:team': () => ({ path: '/api/org-data/teams/hospital' }),
  '/api/standards': () => ({ path: '/api/standards' }),
  '/api/report/quarterly': () => ({ path: '/api/report/quarterly?quarter=2026-Q3' }),
  '/report/quarterly': () => ({ path: '/report/quarterly?quarter=2026-Q3' }),
  '/api/framework/focus-groups': () => ({ path: '/api/framework/focus-groups?year=2026' }),
  '/api/framework/focus-groups/:id': () => ({ path: `/api/framework/focus-groups/${focusGroupId}` }),
  '/api/framework/reviews': () => ({ path: '/api/framework/reviews?year=2026' }),
  '/api/framework/reviews/:id': () => ({ path: `/api/framework/reviews/${reviewId}` }),
  '/api/framework/self-assessments': () => ({ path: '/api/framework/self-assessments?kind=national-standards&year=2026' }),
  '/api/admin': () => ({ path: '/api/admin' }),
  '/api/admin/quality-themes': () => ({ path: '/api/admin/quality-themes' }),
  '/api/admin/audit-plan': () => ({ path: '/api/admin/audit-plan?year=2026' }),
  '/api/questionnaires': () => ({ path: '/api/questionnaires' }),
  '/api/questionnaires/bank': () => ({ path: '/api/questionnaires/bank' }),
  '/api/questionnaires/:id': () => ({ path: '/api/questionnaires/supervision-spring' }),
  '/api/cycles/audiences': () => ({ path: '/api/cycles/audiences' }),
  '/api/cycles/:cycle': () => ({ path: '/api/cycles/2026-27' }),
  '/api/cycles/:cycle/preview': () => ({ path: '/api/cycles/2026-27/preview' }),
  '/api/privacy': (w) => ({ path: '/api/privacy', as: w.who.staff }),
  '/api/data-protection/retention': (w) => ({ path: '/api/data-protection/retention', as: w.dpo }),
  '/api/data-protection/access-log': (w) => ({ path: '/api/data-protection/access-log', as: w.dpo }),
  '/api/data-protection/access-log.csv': (w) => ({ path: '/api/data-protection/access-log.csv', as: w.dpo }),
  '/api/data-protection/people/:id/export': (w) => ({ path: `/api/data-protection/people/${w.who.staff.id}/export`, as: w.dpo }),
  // The home page of a supervisor: their supervisees' audits and supervision, by name.
  '/api/home': (w) => ({ path: '/api/home', as: w.who.supervisor }),
  '/api/health-check/questions': () => ({ path: '/api/health-check/questions' }),
  '/api/health-check/cycles/:cycle/response-rate/growth': () => ({ path: '/api/health-check/cycles/2025-26/response-rate/growth' }),
};

const lines = () =>
  world.db.prepare('SELECT viewer_id, action, what, subject_id, records, via FROM access_log ORDER BY seq').all() as {
    viewer_id: string;
    action: string;
    what: string;
    subject_id: string | null;
    records: number;
    via: string;
  }[];

/** Independently of the app: the other people whose id or name the answer holds. */
function othersNamed(text: string, viewer: Person): string[] {
  // Someone with the viewer's own name (the demo has two Ben Hughes) is named only by id.
  return world.organisation.people
    .filter((p) => p.id !== viewer.id && (text.includes(`"${p.id}"`) || text.includes(`person:${p.id}/`) || (p.displayName !== viewer.displayName && text.includes(p.displayName))))
    .map((p) => p.id);
}

beforeAll(async () => {
  world = await openApiWorld();
  const tasks = await allAuditTasks(world.audits, 2026);
  staffAudit = tasks.find((t) => t.form !== null && t.subject.kind === 'person' && t.subject.personId === world.who.staff.id)!.id;
  const created = await call(world, world.who.psw, 'POST', '/api/actions', { what: 'Review caseload weighting', ownerId: world.who.teamManager.id, due: '2027-06-30', link: { kind: 'none' } });
  actionId = (created.body as { id: string }).id;
  // Framework records naming others: a focus group someone else facilitates, with a team
  // invited; a review someone else leads; a self-assessment submitted by an admin and
  // endorsed by the management team.
  const post = async (as: Person, path: string, body: unknown) => {
    const res = await call(world, as, 'POST', path, body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body as { id: string; version: number };
  };
  const group = await post(world.who.psw, '/api/framework/focus-groups', {
    purpose: 'health-check',
    date: '2027-01-21',
    time: '14:00',
    place: 'Teams meeting',
    facilitatorId: world.who.teamManager.id,
    invitedTeams: ['hospital'],
    invitedRoles: [],
  });
  focusGroupId = (await post(world.who.psw, `/api/framework/focus-groups/${group.id}/invitations`, { version: group.version })).id;
  reviewId = (
    await post(world.who.psw, '/api/framework/reviews', {
      year: 2026,
      slot: 4,
      theme: 'Carers\u2019 assessments',
      reasons: ['complaints'],
      covers: ['personalisation'],
      scope: 'Carers\u2019 assessments in the last year.',
      objectives: 'How often carers are offered an assessment.',
      methods: ['case-audit'],
      leadId: world.who.teamManager.id,
      reviewGroup: [world.who.supervisor.id],
      stages: { scope: '2027-01-15', research: '2027-02-12', report: '2027-03-19' },
    })
  ).id;
  let assessment = (await post(world.who.admin, '/api/framework/self-assessments', { kind: 'national-standards', year: 2026 })) as { id: string; version: number; items?: { id: string }[] };
  for (const item of assessment.items ?? []) {
    const rated = await call(world, world.who.admin, 'PATCH', `/api/framework/self-assessments/${assessment.id}/items/${item.id}`, { rating: 'met', version: assessment.version });
    assessment = rated.body as typeof assessment;
  }
  await post(world.who.admin, `/api/framework/self-assessments/${assessment.id}/submit`, { version: assessment.version });
  await post(world.who.psw, '/api/questionnaires', { from: 'template-supervision', id: 'supervision-spring', title: 'Supervision pulse, spring 2027' });
});
afterAll(() => world.close());

describe('the access log', () => {
  it('has a sample call for every GET route, so none escapes the check', () => {
    const gets = world.routes.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(gets.filter((u) => !(u in SAMPLES))).toEqual([]);
  });

  it('writes a line, with no content, for every answer that names someone else', async () => {
    const problems: string[] = [];
    for (const route of world.routes.filter((r) => r.method === 'GET')) {
      const sample = SAMPLES[route.url]!(world);
      const as = sample.as ?? world.who.psw;
      const before = lines().length;
      const res = await call(world, as, 'GET', sample.path);
      if (res.status !== 200) {
        problems.push(`${route.url}: ${res.status} ${res.text.slice(0, 120)}`);
        continue;
      }
      const named = othersNamed(res.text, as);
      const written = lines().slice(before);
      if (named.length > 0 && !route.named) problems.push(`${route.url} names ${named.length} people but does not say it serves named records`);
      if (route.named && written.length === 0) problems.push(`${route.url} serves ${route.named} but wrote no line`);
      for (const w of written) {
        if (w.viewer_id !== as.id || w.via !== 'tab') problems.push(`${route.url}: the line says ${w.viewer_id} via ${w.via}`);
        // Counts and ids only: no names, no answers, no free text.
        for (const p of world.organisation.people) if (JSON.stringify(w).includes(p.displayName)) problems.push(`${route.url}: the line holds a name`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('says whose audit form was read, and that an export was an export', async () => {
    const before = lines().length;
    await call(world, world.who.teamManager, 'GET', `/api/audits/task?id=${encodeURIComponent(staffAudit)}`);
    await call(world, world.dpo, 'GET', `/api/data-protection/people/${world.who.supervisor.id}/export`);
    expect(lines().slice(before)).toEqual([
      { viewer_id: world.who.teamManager.id, action: 'read', what: 'audit-form', subject_id: expect.any(String), records: expect.any(Number), via: 'tab' },
      { viewer_id: world.dpo.id, action: 'export', what: 'person-export', subject_id: world.who.supervisor.id, records: expect.any(Number), via: 'tab' },
    ]);
    expect(lines().slice(before)[0]!.subject_id).not.toBe(world.who.teamManager.id);
  });

  it("writes a home page to the log only when it names someone else: a supervisor's names their supervisees; one with only the viewer's own things, nobody", async () => {
    // A social worker whose audits are all cancelled: their home page has only their own survey, naming nobody.
    const quiet = world.organisation.people.find(
      (p) => p.role === 'social-worker' && p.id !== world.who.staff.id && !world.organisation.people.some((x) => x.supervisorId === p.id || x.lineManagerId === p.id),
    )!;
    const theirs = (await allAuditTasks(world.audits, 2026)).filter((t) => t.auditorId === quiet.id || (t.subject.kind === 'person' && t.subject.personId === quiet.id));
    for (const t of theirs) await world.audits.setStatus(t.id, 'cancelled', asIsoDate('2027-01-11'), 'no-longer-required');
    const before = lines().length;
    const own = await call(world, quiet, 'GET', '/api/home');
    expect(own.status).toBe(200);
    expect(othersNamed(own.text, quiet)).toEqual([]);
    expect(lines().slice(before)).toEqual([]);
    const supervisor = await call(world, world.who.supervisor, 'GET', '/api/home');
    const named = othersNamed(supervisor.text, world.who.supervisor);
    expect(named.length).toBeGreaterThan(1);
    expect(lines().slice(before)).toEqual([{ viewer_id: world.who.supervisor.id, action: 'read', what: 'home-page', subject_id: null, records: named.length, via: 'tab' }]);
  });

  it('logs a CSV download of named records made in the tab as an export, and refuses a kind it does not know', async () => {
    const before = lines().length;
    expect((await call(world, world.who.teamManager, 'POST', '/api/data-protection/exports', { what: 'supervision', rows: 3 })).status).toBe(204);
    expect(lines().slice(before)).toEqual([{ viewer_id: world.who.teamManager.id, action: 'export', what: 'supervision', subject_id: null, records: 3, via: 'tab' }]);
    expect((await call(world, world.who.teamManager, 'POST', '/api/data-protection/exports', { what: 'everything', rows: 3 })).status).toBe(400);
    expect((await call(world, world.who.teamManager, 'POST', '/api/data-protection/exports', { what: 'supervision', rows: -1 })).status).toBe(400);
  });

  it('is for the DPO to read, in the tab and as CSV, and only the DPO', async () => {
    for (const who of [world.who.psw, world.who.admin, world.who.staff]) expect((await call(world, who, 'GET', '/api/data-protection/access-log')).status).toBe(403);
    const read = await call(world, world.dpo, 'GET', `/api/data-protection/access-log?person=${world.who.supervisor.id}`);
    expect(read.status).toBe(200);
    expect((read.body as { entries: { subjectId: string | null; viewerId: string }[] }).entries.length).toBeGreaterThan(0);
    const csv = await fetch(`${world.base}/api/data-protection/access-log.csv`, { headers: { 'x-phc-persona': world.dpo.id } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    expect((await csv.text()).split('\r\n')[0]).toBe('When (UTC),Who,Who (name),Did,What,About,About (name),Records,Where');
    expect((await call(world, world.dpo, 'GET', '/api/data-protection/access-log?from=yesterday')).status).toBe(400);
  });
});
