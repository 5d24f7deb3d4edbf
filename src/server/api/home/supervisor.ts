import { can, type Viewer } from '../../../domain/access';
import { supervisionFrequency } from '../../../domain/audit/plan/supervisionLog';
import { allSupervisionRecords } from '../../../ports/supervisionLog';
import * as audits from '../audits';
import { population } from '../supervision';
import type { HomeItemDto, HomeLineDto } from '../types';
import { firstLines, plural, type HomeProvider } from './provider';
import { auditLine } from './staff';

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthName = (isoDay: string): string => MONTH.format(Date.parse(`${isoDay.slice(0, 7)}-01T00:00:00Z`));

/** Whose audits the viewer follows, in words, by the reach of their named scope. */
function whose(viewer: Viewer): string | undefined {
  switch (viewer.scope.kind) {
    case 'supervisees':
      return "Your supervisees' audits";
    case 'team':
      return viewer.scope.teamIds.length > 1 ? "Your teams' audits" : "Your team's audits";
    case 'service':
      return "Your service's audits";
    default:
      // Everyone (the PSW, admins): the programme's compliance says where it stands instead.
      return undefined;
  }
}

/** Audits overdue and due in the next 14 days among the people the viewer supervises or manages. */
export const scopedAudits: HomeProvider = {
  name: 'audits in scope',
  appliesTo: (viewer) => can(viewer, 'view-audit-compliance') && whose(viewer) !== undefined,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const title = whose(ctx.viewer) as string;
    const due = await audits.due(deps, ctx, null);
    const link = { href: '#/audits', label: 'Open Audits' };
    const n = due.overdue.length;
    const soon = due.dueSoon.length;
    const dueWords = soon === 0 ? 'nothing is due in the next 14 days' : `${plural(soon, 'audit is', 'audits are')} due in the next 14 days`;
    const summary = n === 0 ? `Nothing is overdue; ${dueWords}.` : `${plural(n, 'audit is', 'audits are')} overdue; ${dueWords}.`;
    const lines = [...due.overdue, ...due.dueSoon].map((a) => auditLine(a, due.today, 'both', ctx.viewer.person.id));
    return [
      {
        id: 'scoped-audits',
        title,
        figure: `${n.toLocaleString('en-GB')} overdue`,
        summary,
        tone: n > 0 ? 'attention' : soon > 0 ? 'due' : 'good',
        lines: firstLines(lines, (more) => ({ text: `${plural(more, 'more', 'more')} on Audits`, href: '#/audits' })),
        link,
      },
    ];
  },
};

/**
 * Supervision recorded this month against the policy (every supervisee supervised every
 * month): for the people the viewer supervises or manages; for those who see everyone (the
 * PSW, admins), their own supervisees, as the organisation's share is on the Supervision page.
 */
export const supervisionThisMonth: HomeProvider = {
  name: 'supervision this month',
  appliesTo: (viewer) => can(viewer, 'view-supervision') && (viewer.roles.includes('supervisor') || viewer.scope.kind === 'team' || viewer.scope.kind === 'service'),
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const { viewer, organisation } = ctx;
    const today = deps.supervision.today();
    const period = deps.supervision.periodOf(`${today.slice(0, 7)}-01`, today);
    const people = viewer.scope.all ? organisation.people.filter((p) => p.supervisorId === viewer.person.id) : population(organisation.people, viewer.scope, viewer.person.id);
    const current = people.filter((p) => p.leftOn === undefined || p.leftOn > today);
    if (current.length === 0) return [];
    const result = supervisionFrequency(await allSupervisionRecords(deps.supervisionLog, period), current, period);
    const name = (id: string) => organisation.people.find((p) => p.id === id)?.displayName ?? id;
    const month = monthName(today);
    const done = result.overall.supervisedMonthly;
    const all = result.overall.supervisees;
    const missing: HomeLineDto[] = result.missed
      .map((m) => {
        const person = organisation.people.find((p) => p.id === m.superviseeId);
        const by = person?.supervisorId && person.supervisorId !== viewer.person.id ? ` (supervised by ${name(person.supervisorId)})` : '';
        return { text: `${name(m.superviseeId)}${by}: none recorded in ${month} yet`, tone: 'due' as const, href: '#/supervision' };
      })
      .sort((a, b) => a.text.localeCompare(b.text, 'en-GB'));
    const count = all.toLocaleString('en-GB');
    const whom =
      viewer.scope.kind === 'team' || viewer.scope.kind === 'service'
        ? `the ${count} ${all === 1 ? 'supervisee' : 'supervisees'} in your teams`
        : `your ${count} ${all === 1 ? 'supervisee' : 'supervisees'}`;
    return [
      {
        id: 'supervision-this-month',
        title: `Supervision in ${month}`,
        figure: `${done.toLocaleString('en-GB')} of ${all.toLocaleString('en-GB')}`,
        summary: `${done.toLocaleString('en-GB')} of ${whom} ${done === 1 ? 'has' : 'have'} a supervision recorded in ${month}; the policy is a supervision every month.`,
        tone: missing.length === 0 ? 'good' : 'due',
        lines: firstLines(missing, (more) => ({ text: `${plural(more, 'more', 'more')} on Supervision`, href: '#/supervision' })),
        link: { href: '#/supervision', label: 'Open Supervision' },
      },
    ];
  },
};
