import { viewerOf } from '../../src/domain/access';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { syntheticResponses } from '../bench/syntheticResponses';
import { home } from '../../src/server/api/home';
import type { HomeProvider } from '../../src/server/api/home/provider';
import { ApiError } from '../../src/server/api/respond';
import type { AuditsDueDto, ComplianceDto, HomeDto, HomeItemDto, StandardsDto, SupervisionFrequencyDto } from '../../src/server/api/types';
import { parseHash } from '../../tab/src/model/route';
import { call, openApiWorld, type ApiWorld, type RoleName } from './apiWorld';

/**
 * The home page's items for each role: what they say is what the page they link to says
 * (worked out here from the same API and services), and every link opens a page of the tab.
 * Today is Monday 11 January 2027, with the 2026 audit programme planned in April.
 */
const ROLES: readonly RoleName[] = ['staff', 'supervisor', 'teamManager', 'serviceManager', 'psw', 'admin', 'managementTeam'];

describe('the home page', () => {
  let world: ApiWorld;
  const homeOf = async (role: RoleName): Promise<HomeDto> => (await call(world, world.who[role], 'GET', '/api/home')).body as HomeDto;
  const item = (dto: HomeDto, id: string): HomeItemDto => {
    const found = dto.items.find((i) => i.id === id);
    if (!found) throw new Error(`no ${id} among ${dto.items.map((i) => i.id).join(', ')}`);
    return found;
  };

  beforeAll(async () => {
    world = await openApiWorld();
  });
  afterAll(() => world.close());

  it('links every item and line to a page of the tab', async () => {
    for (const role of ROLES) {
      const dto = await homeOf(role);
      expect(dto.items.length).toBeGreaterThan(0);
      for (const i of dto.items) {
        for (const href of [i.link.href, ...i.lines.flatMap((l) => (l.href ? [l.href] : []))]) expect([role, href, parseHash(href) !== undefined]).toEqual([role, href, true]);
      }
    }
  });

  it('tells staff whether they have taken part in the open survey, and then that they have', async () => {
    const before = item(await homeOf('staff'), 'open-surveys');
    expect(before).toMatchObject({ tone: 'attention', figure: '0 of 1' });
    expect(before.lines[0]?.text).toMatch(/: you have not taken part yet\. It closes on Wednesday 31 March 2027\.$/);
    const sent = await call(world, world.who.staff, 'POST', '/api/surveys/2026-27/submit', { answers: syntheticResponses(healthCheck, 1, 3)[0] });
    expect(sent.status).toBe(200);
    const after = item(await homeOf('staff'), 'open-surveys');
    expect(after).toMatchObject({ tone: 'good', figure: '1 of 1' });
    expect(after.lines[0]?.text).toMatch(/: you have taken part\. Thank you\.$/);
  });

  it('shows a supervisor the audits overdue and due soon among their supervisees, as the Audits page lists them', async () => {
    const due = (await call(world, world.who.supervisor, 'GET', '/api/audits/due')).body as AuditsDueDto;
    expect(due.overdue.length).toBeGreaterThan(0);
    const audits = item(await homeOf('supervisor'), 'scoped-audits');
    expect(audits.title).toBe("Your supervisees' audits");
    expect(audits.figure).toBe(`${due.overdue.length} overdue`);
    expect(audits.tone).toBe('attention');
    expect(audits.summary).toMatch(new RegExp(`^${due.overdue.length} audits? (is|are) overdue; `));
    const first = due.overdue[0]!;
    expect(audits.lines[0]).toMatchObject({
      text: `${first.activityLabel} of ${first.subject} by ${first.auditorId === world.who.supervisor.id ? 'you' : first.auditor}: ${first.days} ${first.days === 1 ? 'day' : 'days'} overdue`,
      tone: 'attention',
    });
  });

  it('shows a supervisor the supervision recorded this month against the policy, naming who has none yet, as the Supervision page counts it', async () => {
    await world.supervision.record({
      supervisorId: world.who.supervisor.id,
      superviseeId: world.organisation.people.find((p) => p.supervisorId === world.who.supervisor.id)!.id,
      date: '2027-01-06',
      outcome: 'held',
    });
    const page = (await call(world, world.who.supervisor, 'GET', '/api/supervision/frequency?from=2027-01-01&to=2027-01-31')).body as SupervisionFrequencyDto;
    expect(page.overall.supervisedMonthly).toBe(1);
    const shown = item(await homeOf('supervisor'), 'supervision-this-month');
    expect(shown.title).toBe('Supervision in January 2027');
    expect(shown.figure).toBe(`1 of ${page.overall.supervisees}`);
    expect(shown.summary).toBe(`1 of your ${page.overall.supervisees} supervisees has a supervision recorded in January 2027; the policy is a supervision every month.`);
    expect(shown.lines.map((l) => l.text.replace(/: none recorded in January 2027 yet$/, ''))).toEqual(
      [...page.missed.map((m) => m.name)].sort((a, b) => a.localeCompare(b, 'en-GB')).slice(0, shown.lines.length),
    );
  });

  it("shows a team manager their team's caseload against the level and 2019/20, as the caseload service gives it, and their returns", async () => {
    const own = await world.reports.caseloads.report({ viewerId: world.who.teamManager.id });
    const team = own.audit.teams.find((t) => t.teamId === world.who.teamManager.teamId)!;
    const shown = item(await homeOf('teamManager'), 'team-caseloads');
    const one = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
    expect(shown.figure).toBe(one.format(team.average.published!));
    expect(shown.lines[0]?.text).toBe(
      `${team.name}: ${one.format(team.average.published!)} open cases per worker (${one.format(team.previous.find((p) => p.audit === '2019-20')!.average)} in 2019/20); ${team.aboveLevel} ${team.aboveLevel === 1 ? 'worker' : 'workers'} above ${own.audit.level}`,
    );
    const returns = item(await homeOf('teamManager'), 'returns-due');
    expect(returns.lines.map((l) => l.text)).toEqual(expect.arrayContaining(['caseload return for December 2026: not made yet', 'caseload return for January 2027: make it by the end of the month']));
    const rate = item(await homeOf('teamManager'), 'team-response-rate-2026-27');
    expect(rate.lines[0]?.text).toMatch(/^Hospital team: /);
  });

  it('shows the PSW audit compliance and the standards as the Audits and Standards pages give them', async () => {
    const compliance = (await call(world, world.who.psw, 'GET', '/api/audits/compliance')).body as ComplianceDto;
    const standards = (await call(world, world.who.psw, 'GET', '/api/standards')).body as StandardsDto;
    const dto = await homeOf('psw');
    const shownCompliance = item(dto, 'audit-compliance');
    expect(shownCompliance.figure).toBe(`${Math.round(compliance.overall.shareOnTime! * 100)}%`);
    expect(shownCompliance.summary).toBe(`${compliance.overall.summary}; ${compliance.overall.counts.overdue} audits are overdue.`);
    const shownStandards = item(dto, 'standards');
    const lowest = [...standards.standards].filter((s) => s.score !== null).sort((a, b) => a.score! - b.score! || a.number - b.number)[0]!;
    expect(shownStandards.lines[0]?.text).toBe(`${lowest.title}: ${lowest.score} out of 100 (${lowest.band})`);
    expect(item(dto, 'largest-changes').lines.length).toBeGreaterThan(0);
    expect(item(dto, 'needs-action').title).toBe('What needs action');
  });

  it('leaves out a part refused for the viewer, and says so in its place when a part fails, without failing the page', async () => {
    const warnings: string[] = [];
    const ctx = {
      viewer: viewerOf(world.who.psw, world.organisation, { admins: [], managementTeam: [] }),
      organisation: world.organisation,
      url: new URL('http://localhost/api/home'),
      log: { warn: (_: Record<string, unknown>, m: string) => warnings.push(m) },
    };
    const ok: HomeProvider = {
      name: 'fine',
      appliesTo: () => true,
      items: async () => [{ id: 'fine', title: 'Fine', summary: 'All well.', tone: 'good', lines: [], link: { href: '#/audits', label: 'Open Audits' } }],
    };
    const refused: HomeProvider = { name: 'refused', appliesTo: () => true, items: async () => Promise.reject(new ApiError(404, 'not set up here')) };
    const broken: HomeProvider = { name: 'broken part', appliesTo: () => true, items: async () => Promise.reject(new Error('disk on fire')) };
    const notMine: HomeProvider = { name: 'not mine', appliesTo: () => false, items: async () => Promise.reject(new Error('must not be asked')) };
    const dto = await home({} as never, ctx, [ok, refused, broken, notMine]);
    expect(dto.items.map((i) => [i.id, i.tone])).toEqual([
      ['fine', 'good'],
      ['unavailable-broken-part', 'info'],
    ]);
    expect(dto.items[1]?.summary).not.toMatch(/disk on fire/);
    expect(warnings).toEqual(['a part of the home page failed']);
  });
});
