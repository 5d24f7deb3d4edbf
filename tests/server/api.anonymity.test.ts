import { participationKey } from '../../src/app/participation';
import { asCycleId } from '../../src/domain/shared/brand';
import type { Answers } from '../../src/domain/survey/types';
import { BREAKDOWNS, type BreakdownResults, type CycleResults } from '../../src/domain/results/types';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import type { ResultsDto, TrendsDto } from '../../src/server/api/types';
import { syntheticResponses } from '../bench/syntheticResponses';
import { answersFor } from '../fixtures/cardAnswers';
import { findLeaks } from '../support/differencingAttacker';
import { call, openApiWorld, RESPONSES, type ApiWorld, type RoleName } from './apiWorld';

/**
 * Trying to get raw responses, or a group under the threshold, out of the API by any endpoint
 * and parameter: as every role, with every breakdown, cycle and odd parameter. The world's
 * closed cycle has three responses from the hospital team (under the threshold of 5) and
 * free-text comments "Comment <n>" from about 15 people (over the free-text threshold of 10).
 */
const ROLES: readonly RoleName[] = ['staff', 'supervisor', 'teamManager', 'serviceManager', 'psw', 'admin', 'managementTeam'];
const THRESHOLD = 5;
const TEXT_THRESHOLD = 10;
const BYS = ['', 'team', 'service', 'role', 'length-of-service'];
const CYCLES = ['2025-26', '2026-27', '2024-25'];

/** Every hospital answer moved to intake except three: the hospital team is a small group. */
function withSmallHospitalTeam(synthetic: Answers[]): Answers[] {
  let hospital = 0;
  return synthetic.map((a) => {
    if (hospital < 3) {
      hospital++;
      return { ...a, team: 'hospital' };
    }
    return a.team === 'hospital' ? { ...a, team: 'intake' } : a;
  });
}

interface Cell {
  n: number | null;
  kind: string;
  suppressed?: string;
  comments?: string[];
}
interface Group {
  id: string;
  respondents: number | null;
  suppressed?: string;
  questions: Cell[];
}

/** Every object in a JSON value, depth first. */
function* objects(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* objects(v);
  else if (value && typeof value === 'object') {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* objects(v);
  }
}

/** What no answer may ever hold, whoever asks and however. */
function expectNoRawResponses(body: unknown, role: RoleName, path: string): void {
  const text = JSON.stringify(body);
  // A participation key (HMAC hex) or a stored response id.
  expect([path, /\b[0-9a-f]{64}\b/.test(text)]).toEqual([path, false]);
  for (const o of objects(body)) {
    // Something shaped like one person's answers: a role and a team and a length of service side by side.
    expect([path, 'role' in o && 'team' in o && 'length-of-service' in o]).toEqual([path, false]);
    expect([path, 'answers' in o && !path.startsWith('/api/surveys/')]).toEqual([path, false]);
    // Every group is either hidden or at least the threshold; every cell likewise.
    if ('respondents' in o && 'questions' in o && 'label' in o) {
      const g = o as unknown as Group;
      expect([path, g.id, g.respondents === null || g.respondents === 0 || g.respondents >= THRESHOLD]).toEqual([path, g.id, true]);
      for (const c of g.questions) {
        const limit = c.kind === 'text' ? TEXT_THRESHOLD : THRESHOLD;
        expect([path, g.id, c.n === null || c.n === 0 || c.n >= limit]).toEqual([path, g.id, true]);
        // Comments are never shown beside a group.
        expect([path, g.id, c.comments]).toEqual([path, g.id, undefined]);
      }
    }
  }
  // Free text only for the PSW and admins, only in whole-cycle results.
  const commentsAllowed = (role === 'psw' || role === 'admin') && /(\/cycles\/[^/]+\/results|\/api\/results\/[^/?]+)$/.test(path.split('?')[0] ?? '') && !path.includes('by=');
  if (!commentsAllowed) expect([path, role, /Comment \d+/.test(text)]).toEqual([path, role, false]);
}

describe('anonymity at the API boundary', () => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld({ responses: withSmallHospitalTeam });
  });
  afterAll(() => world.close());

  const paths: string[] = [];
  for (const cycle of CYCLES) {
    for (const by of BYS) paths.push(`/api/health-check/cycles/${cycle}/results${by ? `?by=${by}` : ''}`);
    paths.push(`/api/health-check/cycles/${cycle}/changes?limit=50`, `/api/health-check/cycles/${cycle}/response-rate`);
  }
  paths.push(
    '/api/health-check/trends',
    '/api/health-check/cycles',
    '/api/surveys/open',
    '/api/me',
    '/api/actions',
    '/api/audits/compliance',
    '/api/audits/due',
    '/api/audits/mine',
    '/api/supervision/frequency',
  );
  // Parameters the API does not have, and tricks with the ones it has.
  paths.push(
    '/api/health-check/cycles/2025-26/results?by=team&by=role',
    '/api/health-check/cycles/2025-26/results?by=TEAM',
    '/api/health-check/cycles/2025-26/results?raw=1&include=responses&comments=1',
    '/api/health-check/cycles/2025-26/results?by=team&group=hospital',
    '/api/health-check/cycles/2025-26/responses',
    '/api/health-check/cycles/..%2F..%2Fresponses/results',
    '/api/responses/2025-26',
    '/api/health-check/trends?question=role',
    '/api/health-check/trends?question=what-would-help',
  );
  const commentsSeen = new Map<RoleName, number>();

  it.each(ROLES)(
    'never gives %s raw responses or a group under the threshold, by any endpoint, cycle, breakdown or parameter',
    async (role) => {
      let comments = 0;
      for (const path of paths) {
        const res = await call(world, world.who[role], 'GET', path);
        expectNoRawResponses(res.body, role, path);
        if (/Comment \d+/.test(res.text)) comments++;
      }
      commentsSeen.set(role, comments);
      // Some seventy requests, some of them breakdowns: give a loaded CI machine time.
    },
    120_000,
  );

  it('does show the comments to the PSW and admins (so the checks above could fail)', () => {
    expect(commentsSeen.get('psw')).toBeGreaterThan(0);
    expect(commentsSeen.get('admin')).toBeGreaterThan(0);
    expect(commentsSeen.get('managementTeam')).toBe(0);
  });

  it('hides the three-person hospital team, with the reason, from everyone who may break down by team', async () => {
    for (const role of ['teamManager', 'serviceManager', 'psw', 'admin', 'managementTeam'] as const) {
      const body = (await call(world, world.who[role], 'GET', '/api/health-check/cycles/2025-26/results?by=team')).body as { results: { groups: Group[] } };
      const hospital = body.results.groups.find((g) => g.id === 'hospital');
      if (role === 'serviceManager' || role === 'teamManager' || role === 'psw' || role === 'admin' || role === 'managementTeam') {
        expect(hospital?.respondents).toBeNull();
        expect(hospital?.suppressed).toMatch(/fewer than 5 people answered/);
        expect(hospital?.questions).toEqual([]);
      }
    }
  });

  it('does not let the service total give the small team away by subtraction', async () => {
    const teams = (await call(world, world.who.psw, 'GET', '/api/health-check/cycles/2025-26/results?by=team')).body as { results: { respondents: number; groups: Group[] } };
    const services = (await call(world, world.who.psw, 'GET', '/api/health-check/cycles/2025-26/results?by=service')).body as { results: { groups: Group[] } };
    const area = services.results.groups.find((g) => g.id === 'hospital-and-intake');
    const intake = teams.results.groups.find((g) => g.id === 'intake');
    // If both the service and intake were shown, hospital = service − intake.
    expect(area?.respondents === null || intake?.respondents === null).toBe(true);
    const shown = teams.results.groups.reduce((n, g) => n + (g.respondents ?? 0), 0);
    const hiddenRemainder = teams.results.respondents - shown;
    expect(hiddenRemainder === 0 || hiddenRemainder >= THRESHOLD).toBe(true);
  });

  it('leaves nothing to work out from every view of the closed cycle put side by side (all the PSW sees: any role sees part of it)', async () => {
    const get = async (query: string) => ((await call(world, world.who.psw, 'GET', `/api/health-check/cycles/2025-26/results${query}`)).body as ResultsDto).results;
    const whole = (await get('')) as CycleResults;
    const views = await Promise.all(BREAKDOWNS.map(async (by) => (await get(`?by=${by}`)) as BreakdownResults));
    expect(views.flatMap((v) => v.groups).filter((g) => g.respondents !== null).length).toBeGreaterThan(15);
    expect(findLeaks(healthCheck, withSmallHospitalTeam(syntheticResponses(healthCheck, RESPONSES, 7)), { whole, views })).toEqual([]);
    // The whole cycle's team answer does not give the hidden team's size either, nor its trend.
    expect(whole.questions.find((q) => q.id === 'team')?.hiddenOptions?.find((o) => o.id === 'hospital')?.suppressed).toMatch(/fewer than 5 people gave this answer/);
    const trends = (await call(world, world.who.psw, 'GET', '/api/health-check/trends?question=team')).body as TrendsDto;
    const shownTeams = trends.series.filter((t) => t.points.some((p) => p.cycle === '2025-26' && p.percent !== null)).map((t) => t.optionId);
    expect(shownTeams.length).toBeGreaterThan(3);
    expect(shownTeams).not.toContain('hospital');
    expect(shownTeams).not.toContain('intake');
  });

  it('offers each viewer only the breakdowns with a group to show in their scope', async () => {
    const offered = async (role: RoleName) => ((await call(world, world.who[role], 'GET', '/api/health-check/cycles/2025-26/results')).body as ResultsDto).breakdownsOffered;
    expect(await offered('psw')).toEqual(['role', 'team', 'service', 'length-of-service']);
    expect(await offered('staff')).toEqual([]);
    // The hospital team manager's only group, their own team of three, is hidden.
    expect(await offered('teamManager')).toEqual([]);
    // Hospital and intake: the hospital team is too small, and intake beside the service area
    // would give it away, so only the service area itself is worth offering.
    expect(await offered('serviceManager')).toEqual(['service']);
    // Published history has no breakdowns.
    expect(((await call(world, world.who.psw, 'GET', '/api/health-check/cycles/2024-25/results')).body as ResultsDto).breakdownsOffered).toEqual([]);
  });

  it('shows no results for a cycle still open, to anyone', async () => {
    for (const role of ROLES) {
      for (const by of BYS) {
        const res = await call(world, world.who[role], 'GET', `/api/health-check/cycles/2026-27/results${by ? `?by=${by}` : ''}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.text).not.toMatch(/"questions"/);
      }
    }
  });

  it('shows a person only their own draft, and keeps no link from a submitted response to them', async () => {
    const [a, b] = [world.who.staff, world.who.admin];
    const answers = answersFor('social-worker');
    expect((await call(world, a, 'POST', '/api/surveys/2026-27/draft', { answers: { role: 'social-worker', team: 'hospital' }, sectionIndex: 0 })).status).toBe(200);
    const mine = (await call(world, a, 'GET', '/api/surveys/open')).body as { draft: { answers: Record<string, unknown> } | null; status: string };
    expect(mine.status).toBe('started');
    expect(mine.draft?.answers.team).toBe('hospital');
    const theirs = (await call(world, b, 'GET', '/api/surveys/open')).body as { draft: unknown; status: string };
    expect(theirs).toMatchObject({ status: 'not-started', draft: null });

    const submitted = await call(world, a, 'POST', '/api/surveys/2026-27/submit', { answers });
    expect(submitted.body).toEqual({ ok: true, outcome: 'submitted' });
    expect((await call(world, a, 'GET', '/api/surveys/open')).body as { draft: unknown; status: string }).toMatchObject({ status: 'submitted', draft: null });
    // The participation is keyed by the HMAC, never the id; the response carries neither.
    const cycle = asCycleId('2026-27');
    const key = participationKey(await world.app.stores.cycles.participationSecret(cycle), a.id);
    expect(key).not.toContain(a.id);
    expect(await world.app.stores.participation.status(cycle, key)).toBe('submitted');
    const page = await world.app.stores.responses.list(cycle, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(JSON.stringify(page.items[0])).not.toContain(a.id);
    expect(JSON.stringify(page.items[0])).not.toContain(key);
    expect(Object.keys(page.items[0] ?? {}).sort()).toEqual(['answers', 'cycleId', 'id', 'submittedOn', 'surveyVersion']);
  });
});
