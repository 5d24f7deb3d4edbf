import type { Action } from '../domain/actionPlan/types';
import {
  checkItemChange,
  editable,
  KIND_TITLES,
  prefilledItems,
  refreshedItems,
  SELF_ASSESSMENT_KINDS,
  SELF_ASSESSMENT_LIMITS,
  selfAssessmentId,
  submitProblems,
  type EvidenceInputs,
  type SelfAssessment,
  type SelfAssessmentKind,
} from '../domain/framework/selfAssessment';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { FocusGroupStore, SelfAssessmentStore } from '../ports/framework';
import type { ActionService } from './actionPlan';
import type { ReportServices } from './app';
import type { AuditService } from './audits';
import { FieldsRefused, staleChange } from './frameworkErrors';
import { UserFacingError } from './errors';

/**
 * The national professional standards audit and the annual Health Check as self-assessments:
 * started pre-filled with the app's own evidence (the standards' survey and 39-steps scores,
 * audit compliance, caseloads, the focus groups' themes), rated and commented while a draft,
 * submitted, then endorsed by the management team (or returned with a note). Improvement plan
 * items become actions. Endorsement completes the year's task (see `settleFrameworkTasks`).
 */
export class SelfAssessmentService {
  constructor(
    private readonly store: SelfAssessmentStore,
    private readonly focusGroups: Pick<FocusGroupStore, 'listYear'>,
    private readonly reports: Pick<ReportServices, 'standards' | 'caseloads' | 'orgData'>,
    private readonly audits: Pick<AuditService, 'status'>,
    private readonly actions: ActionService,
    private readonly clock: Clock,
  ) {}

  private today(): IsoDate {
    return dateOf(this.clock.now());
  }

  kindOf(raw: string | null | undefined): SelfAssessmentKind {
    if (SELF_ASSESSMENT_KINDS.includes(raw as SelfAssessmentKind)) return raw as SelfAssessmentKind;
    throw new UserFacingError('Say which self-assessment: national-standards (the national professional standards audit) or health-check (the annual health check).');
  }

  async find(kind: SelfAssessmentKind, year: number): Promise<SelfAssessment | undefined> {
    return this.store.get(selfAssessmentId(kind, year));
  }

  listYear(year: number): Promise<SelfAssessment[]> {
    return this.store.listYear(year);
  }

  async get(id: string): Promise<SelfAssessment> {
    const found = await this.store.get(id);
    if (!found) throw new UserFacingError('That self-assessment has not been started yet.');
    return found;
  }

  /** Starts a year's self-assessment with the evidence as it stands today. */
  async start(kind: SelfAssessmentKind, year: number, by: string): Promise<SelfAssessment> {
    if (!Number.isInteger(year) || year < 2000 || year > 2999) throw new UserFacingError(`The year must be a council year such as 2026 (April 2026 – March 2027), not ${String(year)}.`);
    if (await this.find(kind, year)) throw new UserFacingError(`The ${KIND_TITLES[kind].toLowerCase()} for ${year} is already started; open it.`);
    const today = this.today();
    try {
      return await this.store.create({
        id: selfAssessmentId(kind, year),
        kind,
        year,
        status: 'draft',
        items: prefilledItems(kind, await this.evidence(kind, year)),
        evidenceOn: today,
        submittedOn: null,
        submittedBy: null,
        endorsedOn: null,
        endorsedBy: null,
        returnedNote: null,
        createdBy: by,
        createdOn: today,
        updatedOn: today,
      });
    } catch (error) {
      throw staleChange(error, 'self-assessment');
    }
  }

  async refresh(id: string, version: number): Promise<SelfAssessment> {
    const a = await this.draft(id);
    return this.save({ ...a, items: refreshedItems(a.items, a.kind, await this.evidence(a.kind, a.year)), evidenceOn: this.today() }, version);
  }

  async rate(id: string, itemId: string, input: unknown, version: number): Promise<SelfAssessment> {
    const a = await this.draft(id);
    const item = a.items.find((i) => i.id === itemId);
    if (!item) throw new UserFacingError('That standard or area is not in this self-assessment.');
    const checked = checkItemChange(input, item);
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    return this.save({ ...a, items: a.items.map((i) => (i.id === itemId ? { ...i, ...checked.value } : i)) }, version);
  }

  /** An improvement plan item: an action in the action plan, kept against the standard or area. Until endorsed. */
  async addImprovement(
    id: string,
    itemId: string,
    input: { readonly what?: unknown; readonly ownerId?: unknown; readonly due?: unknown },
    by: string,
    version: number,
  ): Promise<{ readonly assessment: SelfAssessment; readonly action: Action }> {
    const a = await this.get(id);
    if (a.status === 'endorsed') throw new UserFacingError('This self-assessment is endorsed; add further actions in the action plan itself.');
    const item = a.items.find((i) => i.id === itemId);
    if (!item) throw new UserFacingError('That standard or area is not in this self-assessment.');
    if (a.version !== version) throw new UserFacingError('Someone else changed this self-assessment at the same time, so your change was not saved. Please reload it and redo your change.');
    const action = await this.actions.create(
      {
        what: input.what,
        ownerId: input.ownerId,
        due: input.due,
        status: 'not-started',
        progress: `Improvement plan of the ${KIND_TITLES[a.kind].toLowerCase()} ${a.year}/${String((a.year + 1) % 100).padStart(2, '0')}: ${item.title}.`,
        link: null,
      },
      by,
    );
    return { assessment: await this.save({ ...a, items: a.items.map((i) => (i.id === itemId ? { ...i, actionIds: [...i.actionIds, action.id] } : i)) }, version), action };
  }

  async submit(id: string, by: string, version: number): Promise<SelfAssessment> {
    const a = await this.get(id);
    const problems = submitProblems(a);
    if (problems.length > 0) throw new FieldsRefused(problems);
    return this.save({ ...a, status: 'submitted', submittedOn: this.today(), submittedBy: by, returnedNote: null }, version);
  }

  /** Endorsed by a member of the management team (the caller checks who): it no longer changes. */
  async endorse(id: string, by: string, version: number): Promise<SelfAssessment> {
    const a = await this.get(id);
    if (a.status !== 'submitted') throw new UserFacingError(a.status === 'endorsed' ? 'It has been endorsed already.' : 'It has not been submitted for endorsement yet.');
    if (a.submittedBy === by) throw new UserFacingError('Whoever submitted a self-assessment does not endorse it too: another member of the management team does.');
    return this.save({ ...a, status: 'endorsed', endorsedOn: this.today(), endorsedBy: by }, version);
  }

  /** Sent back to the PSW as a draft, with what to look at again. */
  async returnToDraft(id: string, note: unknown, version: number): Promise<SelfAssessment> {
    const a = await this.get(id);
    if (a.status !== 'submitted') throw new UserFacingError('Only a self-assessment waiting for endorsement can be returned.');
    const text = typeof note === 'string' ? note.trim() : '';
    if (text === '') throw new FieldsRefused([{ field: 'note', message: 'Say what should be looked at again.' }]);
    if (text.length > SELF_ASSESSMENT_LIMITS.note) throw new FieldsRefused([{ field: 'note', message: `Keep the note to ${SELF_ASSESSMENT_LIMITS.note} characters.` }]);
    return this.save({ ...a, status: 'draft', submittedOn: null, submittedBy: null, returnedNote: text }, version);
  }

  /** What the app knows for a year's self-assessment, through the same services (and suppression) as the tab's pages. */
  async evidence(kind: SelfAssessmentKind, year: number): Promise<EvidenceInputs> {
    const [standards, status, caseloads, groups] = await Promise.all([
      this.reports.standards.show(),
      this.audits.status(year),
      this.reports.caseloads.report({ period: `${year}-07..${year}-09` }),
      this.focusGroups.listYear(year),
    ]);
    let orgData: EvidenceInputs['orgData'] = { cycleId: undefined, returned: 0, teams: 0 };
    try {
      const view = await this.reports.orgData.byTeam();
      orgData = { cycleId: view.cycleId, returned: view.teams.filter((t) => t.measures !== undefined).length, teams: view.teams.length };
    } catch (error) {
      // No cycle to return figures for yet: the evidence says so.
      if (!(error instanceof UserFacingError)) throw error;
    }
    const audit = caseloads.audit;
    return {
      standards: standards.standards.map((s) => ({
        id: s.id,
        number: s.number,
        title: s.title,
        score: s.score,
        band: s.band,
        items: s.items.map((i) => ({ kind: i.kind, label: i.label, score: i.score, ...(i.why ? { why: i.why } : {}) })),
      })),
      ...(standards.surveyTitle ? { surveyTitle: standards.surveyTitle } : {}),
      compliance: status.byType.map((row) => ({ activity: row.key, label: row.label, summary: row.summary })),
      caseloads: {
        from: audit.period.from,
        to: audit.period.to,
        average: audit.overall.published,
        level: audit.level,
        aboveLevel: audit.teams.reduce((n, t) => n + t.aboveLevel, 0),
        teams: audit.teams.length,
      },
      orgData,
      focusGroupThemes: groups.filter((g) => g.status === 'held' && g.purpose === kind).flatMap((g) => g.themes.map((t) => ({ area: t.area, summary: t.summary, date: g.date }))),
    };
  }

  private async draft(id: string): Promise<SelfAssessment> {
    const a = await this.get(id);
    if (!editable(a))
      throw new UserFacingError(
        a.status === 'endorsed' ? 'This self-assessment is endorsed, so it no longer changes.' : 'This self-assessment is waiting for endorsement; it changes only if the management team returns it.',
      );
    return a;
  }

  private async save(a: SelfAssessment, version: number): Promise<SelfAssessment> {
    const { version: _stored, ...rest } = a;
    try {
      return await this.store.update({ ...rest, updatedOn: this.today() }, version);
    } catch (error) {
      throw staleChange(error, 'self-assessment');
    }
  }
}
