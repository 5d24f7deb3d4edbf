import type { Viewer } from '../../../domain/access';
import { longDate } from '../../../domain/shared/dates';
import * as healthCheck from '../healthCheck';
import * as reports from '../reports';
import type { HomeItemDto, HomeLineDto, RateFigure } from '../types';
import { firstLines, plural, type HomeProvider } from './provider';

const manages = (viewer: Viewer): boolean => viewer.roles.includes('team-manager') || viewer.roles.includes('service-manager');

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (month: string): string => MONTH.format(Date.parse(`${month}-01T00:00:00Z`));

/** A response rate in words, as the Health check page says it. */
export function rateWords(f: RateFigure & { readonly hiddenReason?: string }): string {
  if (f.audience === 0) return 'nobody asked';
  if (f.percent === undefined || f.respondents === undefined) return `${f.hiddenReason ?? 'hidden to protect anonymity'} (of ${whole.format(f.audience)})`;
  if (f.atLeast) return `at least ${whole.format(f.percent)}% (${whole.format(f.respondents)} or more of ${whole.format(f.audience)})`;
  return `${whole.format(f.percent)}% (${whole.format(f.respondents)} of ${whole.format(f.audience)})`;
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The response rate of the teams a manager looks after, for each survey open now (counted hourly, in steps). */
export const teamResponseRate: HomeProvider = {
  name: 'team response rate',
  appliesTo: manages,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const open = (await deps.app.cycles.list()).filter((c) => c.kind === 'live' && c.status === 'open');
    const items: HomeItemDto[] = [];
    for (const cycle of open) {
      const rate = await healthCheck.responseRate(deps, ctx, cycle.id);
      const first = rate.teams[0];
      const lines: HomeLineDto[] = [
        ...rate.teams.map((t) => ({ text: `${t.name}: ${rateWords(t)}`, href: '#/health-check' })),
        { text: `Everyone asked: ${rateWords(rate.overall)}`, href: '#/health-check' },
      ];
      items.push({
        id: `team-response-rate-${cycle.id}`,
        title: `Response rate: ${cycle.title}`,
        ...(first && first.percent !== undefined ? { figure: `${first.atLeast ? 'At least ' : ''}${whole.format(first.percent)}%` } : {}),
        summary: `${rate.teams.length === 1 && first ? `${first.name}: ${rateWords(first)}` : `Your ${plural(rate.teams.length, 'team', 'teams')} below`}. Open until ${longDate(cycle.closesOn)}; counted once an hour, in steps of ${whole.format(rate.step ?? rate.threshold)}.`,
        tone: 'info',
        lines: firstLines(lines, (n) => ({ text: `${plural(n, 'more team', 'more teams')} on Health check`, href: '#/health-check' })),
        link: { href: '#/health-check', label: 'Open Health check' },
      });
    }
    return items;
  },
};

/** Caseloads of the manager's teams against the level the PSW set, and against 2019/20. */
export const teamCaseloads: HomeProvider = {
  name: 'team caseloads',
  appliesTo: manages,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const dto = await reports.caseloads(deps, ctx);
    const { level, teams, period } = dto.audit;
    const link = { href: '#/caseloads', label: 'Open Caseloads' };
    const when = `${monthName(period.from)} to ${monthName(period.to)}`;
    if (teams.length === 0) return [{ id: 'team-caseloads', title: 'Caseloads', summary: `No caseloads are held for your teams for ${when} yet.`, tone: 'info', lines: [], link }];
    const over = teams.filter((t) => t.average.published !== null && t.average.published > level);
    const flagged = teams.reduce((n, t) => n + t.aboveLevel, 0);
    const lines: HomeLineDto[] = teams.map((t) => {
      const then = t.previous.find((p) => p.audit === '2019-20');
      const average = t.average.published === null ? 'no average' : `${oneDecimal.format(t.average.published)} open cases per worker`;
      return {
        text: `${t.name}: ${average}${then ? ` (${oneDecimal.format(then.average)} in 2019/20)` : ''}; ${plural(t.aboveLevel, 'worker', 'workers')} above ${whole.format(level)}`,
        href: '#/caseloads',
        tone: t.average.published !== null && t.average.published > level ? 'attention' : t.aboveLevel > 0 ? 'due' : 'good',
      };
    });
    const first = teams[0];
    return [
      {
        id: 'team-caseloads',
        title: 'Caseloads against the level',
        ...(teams.length === 1 && first?.average.published != null ? { figure: oneDecimal.format(first.average.published) } : {}),
        summary: `Average open cases per worker, ${when}, against the level of ${whole.format(level)}: ${over.length === 0 ? `no team is above it on average` : `${plural(over.length, 'team is', 'teams are')} above it on average`}, and ${plural(flagged, 'worker is', 'workers are')} above it.`,
        tone: over.length > 0 ? 'attention' : flagged > 0 ? 'due' : 'good',
        lines: firstLines(lines, (n) => ({ text: `${plural(n, 'more team', 'more teams')} on Caseloads`, href: '#/caseloads' })),
        link,
      },
    ];
  },
};

/** A team manager's own returns: the monthly caseload return and the 39-steps return of the current cycle. */
export const returnsDue: HomeProvider = {
  name: 'returns due',
  appliesTo: (viewer) => viewer.roles.includes('team-manager'),
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    if (!deps.reports) return [];
    const teams = reports.ownTeams(ctx.viewer, ctx.organisation);
    if (teams.length === 0) return [];
    const today = deps.clock.now().toISOString().slice(0, 10);
    const thisMonth = today.slice(0, 7);
    const [y, m] = thisMonth.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    const lines: HomeLineDto[] = [];
    let toMake = 0;
    const view = await deps.reports.orgData.byTeam().catch(() => undefined);
    const cycleTitle = view ? ((await deps.app.cycles.list()).find((c) => c.id === view.cycleId)?.title ?? view.cycleId) : undefined;
    for (const team of teams) {
      const held = await deps.reports.caseloads.monthsHeld(team.id, [last, thisMonth]);
      const prefix = teams.length > 1 ? `${team.name}: ` : '';
      if (held.get(last) === 'import' && held.get(thisMonth) === 'import') {
        lines.push({ text: `${prefix}caseloads come from the Care Director export; no monthly return is needed.`, tone: 'good', href: '#/caseloads' });
      } else {
        if (!held.has(last)) {
          toMake++;
          lines.push({ text: `${prefix}caseload return for ${monthName(last)}: not made yet`, tone: 'attention', href: '#/caseloads' });
        } else lines.push({ text: `${prefix}caseload return for ${monthName(last)}: made`, tone: 'good', href: '#/caseloads' });
        if (!held.has(thisMonth)) lines.push({ text: `${prefix}caseload return for ${monthName(thisMonth)}: make it by the end of the month`, tone: 'due', href: '#/caseloads' });
      }
      const returned = view?.teams.find((t) => t.teamId === team.id)?.submittedOn;
      if (view && cycleTitle) {
        if (returned) lines.push({ text: `${prefix}39-steps return for ${cycleTitle}: made on ${longDate(returned)}`, tone: 'good', href: '#/org-data' });
        else {
          toMake++;
          lines.push({ text: `${prefix}39-steps return for ${cycleTitle}: not made yet`, tone: 'attention', href: '#/org-data' });
        }
      }
    }
    return [
      {
        id: 'returns-due',
        title: 'Returns',
        figure: `${whole.format(toMake)} to make`,
        summary: toMake === 0 ? 'Your returns are up to date.' : `${capital(plural(toMake, 'return is', 'returns are'))} still to make.`,
        tone: toMake > 0 ? 'attention' : lines.some((l) => l.tone === 'due') ? 'due' : 'good',
        lines: firstLines(lines, (n) => ({ text: `${plural(n, 'more', 'more')} on Caseloads and 39 steps`, href: '#/caseloads' })),
        link: { href: '#/caseloads', label: 'Open Caseloads' },
      },
    ];
  },
};
