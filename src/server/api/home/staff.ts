import { can } from '../../../domain/access';
import type { UserId } from '../../../domain/shared/brand';
import { longDate } from '../../../domain/shared/dates';
import * as audits from '../audits';
import type { AuditListItem, HomeItemDto, HomeLineDto } from '../types';
import { firstLines, plural, type HomeProvider } from './provider';

/** Open surveys, and whether the viewer has taken part in each (their own status only). */
export const openSurveys: HomeProvider = {
  name: 'open surveys',
  appliesTo: (viewer) => can(viewer, 'take-survey'),
  items: async (deps, ctx) => {
    const open = (await deps.app.cycles.list()).filter((c) => c.kind === 'live' && c.status === 'open').sort((a, b) => (a.closesOn < b.closesOn ? -1 : a.closesOn > b.closesOn ? 1 : 0));
    const link = { href: '#/surveys', label: 'Open My surveys' };
    if (open.length === 0)
      return [{ id: 'open-surveys', title: 'Surveys', summary: 'No survey is open just now. The Health Check bot will message you when the next one opens.', tone: 'info', lines: [], link }];
    const states = await Promise.all(open.map(async (cycle) => ({ cycle, status: (await deps.app.survey.status(cycle.id, ctx.viewer.person.id as UserId)).status })));
    const lines: HomeLineDto[] = states.map(({ cycle, status }) => {
      const closes = longDate(cycle.closesOn);
      if (status === 'submitted') return { text: `${cycle.title}: you have taken part. Thank you.`, href: '#/surveys', tone: 'good' };
      if (status === 'started') return { text: `${cycle.title}: you have started; carry on before it closes on ${closes}.`, href: '#/surveys', tone: 'due' };
      return { text: `${cycle.title}: you have not taken part yet. It closes on ${closes}.`, href: '#/surveys', tone: 'attention' };
    });
    const toDo = states.filter((s) => s.status !== 'submitted').length;
    const summary =
      toDo === 0
        ? `You have taken part in ${open.length === 1 ? 'the survey open now' : `all ${open.length} surveys open now`}. Thank you.`
        : open.length === 1
          ? 'A survey is open and you have not sent your answers yet.'
          : `${plural(open.length, 'survey is', 'surveys are')} open; you have not sent your answers to ${toDo === open.length ? 'any of them' : plural(toDo, 'of them', 'of them')} yet.`;
    return [
      {
        id: 'open-surveys',
        title: 'Surveys open now',
        figure: `${open.length - toDo} of ${open.length}`,
        summary,
        tone: toDo === 0 ? 'good' : states.some((s) => s.status === undefined) ? 'attention' : 'due',
        lines: firstLines(lines, (n) => ({ text: `${plural(n, 'more survey', 'more surveys')} on My surveys`, href: '#/surveys' })),
        link,
      },
    ];
  },
};

const todo = (a: AuditListItem): boolean => a.status !== 'completed' && a.status !== 'cancelled';

/** How an audit on a list stands, in words: "3 days overdue", "due in 5 days", "due Friday 26 March 2027". */
export function auditWhen(a: AuditListItem, today: string): string {
  if (a.status === 'completed') return 'completed';
  if (a.due < today) return `${plural(a.days, 'day', 'days')} overdue`;
  if (a.days <= 14) return a.days === 0 ? 'due today' : `due in ${plural(a.days, 'day', 'days')}`;
  return `due ${longDate(a.due)}`;
}

export function auditLine(a: AuditListItem, today: string, who: 'subject' | 'auditor' | 'both', viewerId?: string): HomeLineDto {
  const auditor = a.auditorId === viewerId ? 'you' : a.auditor;
  const whom = who === 'subject' ? ` of ${a.subject}` : who === 'auditor' ? ` by ${auditor}` : ` of ${a.subject} by ${auditor}`;
  return {
    text: `${a.activityLabel}${whom}: ${auditWhen(a, today)}`,
    href: a.hasForm ? `#/audit?id=${encodeURIComponent(a.id)}` : '#/audits',
    tone: a.due < today ? 'attention' : a.days <= 14 ? 'due' : 'info',
  };
}

/** The audits the viewer carries out this council year, and those of their own work. */
export const myAudits: HomeProvider = {
  name: 'my audits',
  appliesTo: () => true,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const mine = await audits.mine(deps, ctx, null);
    const today = mine.today;
    const carry = mine.asAuditor.filter(todo);
    const overdue = carry.filter((a) => a.due < today);
    const soon = carry.filter((a) => a.due >= today && a.days <= 14);
    const ofMe = mine.asSubject.filter(todo);
    const link = { href: '#/audits', label: 'Open Audits' };
    if (mine.asAuditor.length === 0 && ofMe.length === 0)
      return [{ id: 'my-audits', title: 'Your audits', summary: 'You have no audits to carry out this year, and none of your work is due.', tone: 'good', lines: [], link }];
    const parts: string[] = [];
    if (mine.asAuditor.length === 0) parts.push('You have no audits to carry out this year.');
    else if (carry.length === 0) parts.push(`You have completed all ${plural(mine.asAuditor.length, 'audit', 'audits')} you carry out this year.`);
    else
      parts.push(
        `${plural(carry.length, 'audit', 'audits')} to carry out this year: ${overdue.length.toLocaleString('en-GB')} overdue, ${soon.length.toLocaleString('en-GB')} due in the next 14 days.`,
      );
    if (ofMe.length > 0) parts.push(`${plural(ofMe.length, 'audit of your work is', 'audits of your work are')} still to come.`);
    const lines = [...overdue, ...soon, ...carry.filter((a) => !overdue.includes(a) && !soon.includes(a))].map((a) => auditLine(a, today, 'subject'));
    const own = ofMe.map((a) => ({ ...auditLine(a, today, 'auditor'), text: `Audit of your work (${a.activityLabel} by ${a.auditor}): ${auditWhen(a, today)}` }));
    return [
      {
        id: 'my-audits',
        title: 'Your audits',
        ...(mine.asAuditor.length === 0 ? {} : { figure: overdue.length > 0 ? `${overdue.length.toLocaleString('en-GB')} overdue` : `${carry.length.toLocaleString('en-GB')} to do` }),
        summary: parts.join(' '),
        tone: overdue.length > 0 ? 'attention' : soon.length > 0 ? 'due' : carry.length > 0 || ofMe.length > 0 ? 'info' : 'good',
        lines: firstLines([...lines.slice(0, 3), ...own.slice(0, 1), ...lines.slice(3), ...own.slice(1)], (n) => ({ text: `${plural(n, 'more', 'more')} on Audits`, href: '#/audits' })),
        link,
      },
    ];
  },
};
