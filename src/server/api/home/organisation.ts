import { can } from '../../../domain/access';
import type { ComplianceRow } from '../../../domain/audit/compliance';
import * as actions from '../actionPlan';
import * as audits from '../audits';
import * as healthCheck from '../healthCheck';
import * as reports from '../reports';
import type { ApiDeps } from '../context';
import type { ChangeDto, HomeItemDto, HomeLineDto } from '../types';
import { firstLines, plural, type HomeProvider } from './provider';

/** The PSW, admins and the management team: the organisation-wide views. */
const organisationWide: HomeProvider['appliesTo'] = (viewer) => can(viewer, 'view-organisation-breakdowns');

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const points = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${whole.format(Math.abs(n))} ${Math.abs(n) === 1 ? 'point' : 'points'}`;

/** The newest cycle with results, as the Health check page opens it. */
async function latestWithResults(deps: ApiDeps) {
  return (await deps.app.cycles.list())
    .filter((c) => c.surveyId === deps.app.questionnaire.id && (c.kind === 'published' || c.status === 'closed'))
    .sort((a, b) => (a.opensOn < b.opensOn ? 1 : a.opensOn > b.opensOn ? -1 : 0))[0];
}

const changeLine = (c: ChangeDto, href: string): HomeLineDto => ({
  text: `${points(c.change)}: ${c.resultText} (${whole.format(c.percent)}%, ${whole.format(c.previousPercent)}% in ${c.previousYear})`,
  href,
  tone: c.change > 0 ? 'good' : 'attention',
});

/** The latest cycle's largest rises and falls since the cycle before. */
export const largestChanges: HomeProvider = {
  name: 'largest changes',
  appliesTo: organisationWide,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const cycle = await latestWithResults(deps);
    if (!cycle) return [];
    const href = `#/health-check?cycle=${encodeURIComponent(cycle.id)}`;
    const changes = await healthCheck.changes(deps, ctx, cycle.id, '3');
    const link = { href, label: 'Open Health check' };
    if (!changes.comparedWith) return [{ id: 'largest-changes', title: `Largest changes: ${cycle.title}`, summary: 'There is no earlier cycle to compare it with.', tone: 'info', lines: [], link }];
    const since = changes.rises[0]?.previousYear ?? changes.falls[0]?.previousYear ?? changes.comparedWith;
    return [
      {
        id: 'largest-changes',
        title: `Largest changes: ${cycle.title}`,
        summary: `The largest rises and falls in agreement since ${since}.`,
        tone: 'info',
        lines: [...changes.rises.map((c) => changeLine(c, href)), ...changes.falls.map((c) => changeLine(c, href))],
        link,
      },
    ];
  },
};

const shareWords = (r: ComplianceRow): string => (r.shareOnTime === null ? 'nothing due yet' : r.summary);

/** Audit compliance across the programme: the share completed on time, by type, lowest first. */
export const auditCompliance: HomeProvider = {
  name: 'audit compliance',
  appliesTo: organisationWide,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const c = await audits.complianceOf(deps, ctx, null);
    const byShare = [...c.byType].filter((r) => r.dueSoFar > 0).sort((a, b) => (a.shareOnTime ?? 1) - (b.shareOnTime ?? 1) || a.label.localeCompare(b.label, 'en-GB'));
    const overdue = c.overall.counts.overdue;
    return [
      {
        id: 'audit-compliance',
        title: `Audit compliance, ${c.year}/${String((c.year + 1) % 100).padStart(2, '0')}`,
        ...(c.overall.shareOnTime === null ? {} : { figure: `${whole.format(Math.round(c.overall.shareOnTime * 100))}%` }),
        summary: `${c.overall.shareOnTime === null ? 'Nothing is due yet' : c.overall.summary}${overdue > 0 ? `; ${plural(overdue, 'audit is', 'audits are')} overdue` : ''}.`,
        tone: overdue > 0 ? 'attention' : 'good',
        lines: firstLines(
          byShare.map((r) => ({ text: `${r.label}: ${shareWords(r)}`, href: '#/audits', tone: r.counts.overdue > 0 ? ('attention' as const) : ('good' as const) })),
          (n) => ({ text: `${plural(n, 'more audit type', 'more audit types')} on Audits`, href: '#/audits' }),
        ),
        link: { href: '#/audits', label: 'Open Audits' },
      },
    ];
  },
};

const BAND_WORDS = { low: 'low', moderate: 'moderate', high: 'high' } as const;

/** The eight employer standards, lowest score first. */
export const standardsScores: HomeProvider = {
  name: 'standards',
  appliesTo: organisationWide,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const view = await reports.standards(deps, ctx);
    const count = (band: 'low' | 'moderate' | 'high') => view.standards.filter((s) => s.band === band).length;
    const unscored = view.standards.filter((s) => s.score === null).length;
    const lines = [...view.standards]
      .sort((a, b) => (a.score ?? 101) - (b.score ?? 101) || a.number - b.number)
      .map((s): HomeLineDto => ({
        text: `${s.title}: ${s.score === null ? 'not scored' : `${whole.format(s.score)} out of 100 (${BAND_WORDS[s.band ?? 'low']})`}`,
        href: '#/standards',
        tone: s.band === 'low' ? 'attention' : s.band === 'moderate' ? 'due' : s.band === 'high' ? 'good' : 'info',
      }));
    return [
      {
        id: 'standards',
        title: 'Employer standards',
        figure: `${whole.format(count('high'))} of ${whole.format(view.standards.length)} high`,
        summary: `${whole.format(count('high'))} high, ${whole.format(count('moderate'))} moderate, ${whole.format(count('low'))} low${unscored > 0 ? `, ${whole.format(unscored)} not scored` : ''}${view.surveyTitle ? ` (survey figures from ${view.surveyTitle})` : ''}.`,
        tone: count('low') > 0 ? 'attention' : 'info',
        lines: firstLines(lines, (n) => ({ text: `${plural(n, 'more standard', 'more standards')} on Standards`, href: '#/standards' })),
        link: { href: '#/standards', label: 'Open Standards' },
      },
    ];
  },
};

/** A fall this large since the cycle before needs someone to look at it. */
const NOTABLE_FALL = 10;
const ACTION_SOON_DAYS = 30;

/**
 * What needs action: actions on the plan that are overdue or due within 30 days, standards in
 * the low band, and falls of 10 points or more in the latest cycle that no action answers yet.
 */
export const needsAction: HomeProvider = {
  name: 'what needs action',
  appliesTo: organisationWide,
  items: async (deps, ctx): Promise<HomeItemDto[]> => {
    const today = deps.clock.now().toISOString().slice(0, 10);
    const soon = new Date(Date.parse(`${today}T00:00:00Z`) + ACTION_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
    const all = (await actions.list(deps, ctx)).actions;
    const plan = all.filter((a) => a.status === 'not-started' || a.status === 'in-progress');
    const lines: HomeLineDto[] = [];
    for (const a of plan.filter((x) => x.due < today).sort((x, y) => x.due.localeCompare(y.due)))
      lines.push({ text: `Action overdue: ${a.what} (${a.ownerName})`, href: '#/actions', tone: 'attention' });
    const low = deps.reports ? (await reports.standards(deps, ctx)).standards.filter((s) => s.band === 'low') : [];
    for (const s of low) lines.push({ text: `Standard in the low band: ${s.title} (${whole.format(s.score ?? 0)} out of 100)`, href: '#/standards', tone: 'attention' });
    const cycle = await latestWithResults(deps);
    if (cycle) {
      // A fall already answered by an action (open or done) has someone on it.
      const answered = new Set(all.filter((a) => a.status !== 'dropped').flatMap((a) => (a.link.kind === 'question' ? [a.link.questionId] : [])));
      const falls = (await healthCheck.changes(deps, ctx, cycle.id, '50')).falls.filter((f) => f.change <= -NOTABLE_FALL && !answered.has(f.questionId));
      for (const f of falls)
        lines.push({
          text: `Fall of ${whole.format(-f.change)} points with no action yet: ${f.resultText} (${whole.format(f.percent)}%, ${whole.format(f.previousPercent)}% in ${f.previousYear})`,
          href: `#/health-check?cycle=${encodeURIComponent(cycle.id)}`,
          tone: 'attention',
        });
    }
    for (const a of plan.filter((x) => x.due >= today && x.due <= soon).sort((x, y) => x.due.localeCompare(y.due)))
      lines.push({ text: `Action due within ${ACTION_SOON_DAYS} days: ${a.what} (${a.ownerName})`, href: '#/actions', tone: 'due' });
    const pressing = lines.filter((l) => l.tone === 'attention').length;
    return [
      {
        id: 'needs-action',
        title: 'What needs action',
        figure: whole.format(pressing),
        summary:
          lines.length === 0
            ? 'Nothing on the action plan is overdue, no standard is low and no large fall is without an action.'
            : `${plural(pressing, 'thing needs', 'things need')} action now${lines.length > pressing ? `, and ${plural(lines.length - pressing, 'action is', 'actions are')} due soon` : ''}.`,
        tone: pressing > 0 ? 'attention' : lines.length > 0 ? 'due' : 'good',
        lines: firstLines(lines, (n) => ({ text: `${plural(n, 'more', 'more')} on the Action plan`, href: '#/actions' })),
        link: { href: '#/actions', label: 'Open Action plan' },
      },
    ];
  },
};
