import { EVERYONE } from '../domain/organisation/audience';
import type { Organisation } from '../domain/organisation/types';
import { DEFAULT_PLAN, type OutboxPlan } from '../domain/outbox/types';
import { asCycleId, dateOf, type CycleId } from '../domain/shared/brand';
import type { FieldError } from '../domain/shared/fieldError';
import { checkCycleSettings, CYCLE_SETTING_FIELDS, DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD, LOWEST_THRESHOLD, type CycleSettings } from '../domain/survey/cycleSettings';
import { kindOf, type Questionnaire } from '../domain/survey/types';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { StoreError, type Cycle, type Stores } from '../ports/stores';
import { FieldsRefused, UserFacingError } from './errors';
import { newCycleSecret } from './participation';
import type { QuestionnaireService } from './questionnaires';

export { DEFAULT_TEXT_THRESHOLD, DEFAULT_THRESHOLD, LOWEST_THRESHOLD };

const CYCLE_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

/**
 * Opening a cycle in one step, as `phc cycle open` and the first API did: made and opened at
 * once, the Health Check unless `surveyId` says otherwise. Settings not given take their
 * defaults. `plan` is an already-checked plan (the command line's flags).
 */
export interface OpenCycleRequest {
  readonly id: string;
  readonly closesOn: string;
  readonly opensOn?: string;
  readonly title?: string;
  readonly threshold?: number;
  readonly textThreshold?: number;
  readonly surveyId?: string;
  /** As `parseAudience` reads it: `{ kind: 'teams', teamIds }`, or `teams:hospital,intake`. */
  readonly audience?: unknown;
  readonly plan?: OutboxPlan;
}

/** A cycle's settings as the tab and the API give them (see `CYCLE_SETTING_FIELDS`), with its id when new. */
export type CycleSettingsRequest = Readonly<Record<string, unknown>>;

const ORGANISATION_UNKNOWN: Organisation = { teams: [], people: [] };

/**
 * Every cycle's life goes through here, whether from `phc`, the tab or a test: made as a
 * draft, changed while a draft, opened (its settings fixed from then on), closed, published.
 * Settings are checked whole before anything is stored, each problem named by its field
 * (docs/adr/0021-questionnaires-as-a-registry.md).
 */
/** What closing a cycle also does, once it is closed (the composition root gives the close-out). */
export type AfterClose = (cycle: Cycle) => Promise<void>;

/** Every open/close/list goes through here, whether from `phc`, the tab or a test. */
export class CycleService {
  private readonly afterClose: AfterClose[] = [];

  constructor(
    private readonly stores: Stores,
    private readonly questionnaires: QuestionnaireService,
    /** The Health Check: what a cycle asks when nothing else is said. */
    private readonly healthCheck: Questionnaire,
    private readonly clock: Clock,
    /** Who audiences are drawn from; without one only "everyone" can be asked. */
    private readonly directory?: Directory,
  ) {}

  /** The questions a cycle asks (the version it ran). */
  questionnaireOf(cycle: Pick<Cycle, 'id' | 'surveyId' | 'surveyVersion'>): Promise<Questionnaire> {
    return this.questionnaires.forCycle(cycle);
  }

  /** A new draft cycle: nothing is sent and nobody can answer until it is opened. */
  async create(request: CycleSettingsRequest): Promise<Cycle> {
    const idProblem = typeof request.id === 'string' ? this.idProblem(request.id) : { field: 'id', message: 'Give the cycle an id, e.g. pulse-2027-05.' };
    const id = typeof request.id === 'string' ? request.id : '';
    const checked = await this.check(request, id);
    const errors = [...(idProblem ? [idProblem] : []), ...(checked.ok ? [] : checked.errors)];
    if (!idProblem && (await this.stores.cycles.get(asCycleId(id)))) errors.unshift({ field: 'id', message: `There is already a cycle "${id}": choose another id.` });
    if (errors.length > 0 || !checked.ok) throw new FieldsRefused(errors);
    return this.insertDraft(asCycleId(id), checked.settings);
  }

  /**
   * Changes a draft's settings: only what is given changes, and the whole is checked again.
   * Once a cycle has opened its settings are fixed, and every change is refused by its field.
   */
  async update(rawId: string, changes: CycleSettingsRequest): Promise<Cycle> {
    const cycle = await this.require(rawId);
    const given = CYCLE_SETTING_FIELDS.filter((f) => changes[f] !== undefined);
    if (cycle.kind !== 'live' || cycle.status !== 'draft') {
      const state = cycle.kind === 'published' ? 'published history' : cycle.status;
      const fields = given.length > 0 ? given : (['id'] as const);
      throw new FieldsRefused(
        fields.map((field): FieldError =>
          field === 'threshold' || field === 'textThreshold'
            ? {
                field,
                message: `The ${field === 'threshold' ? 'threshold' : 'free-text threshold'} of ${cycle.title} cannot change: it is ${state}, and people answered on the promise that groups smaller than ${field === 'threshold' ? cycle.threshold : cycle.textThreshold} are hidden.`,
              }
            : { field, message: `${cycle.title} is ${state}: its settings were fixed when it opened.` },
        ),
      );
    }
    const checked = await this.check(changes, cycle.id, this.settingsOf(cycle));
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    const version = checked.settings.surveyId === cycle.surveyId ? cycle.surveyVersion : await this.latestVersion(checked.settings.surveyId);
    return this.stores.cycles.updateDraft(this.withSettings(cycle, checked.settings, version));
  }

  /**
   * Opens a cycle in one step (made now, or a draft of that id): what `phc cycle open` and
   * `POST /api/health-check/cycles` do. The thresholds are fixed from this moment: nothing
   * can lower them once people have answered on that promise.
   */
  async open(request: OpenCycleRequest): Promise<Cycle> {
    const idProblem = this.idProblem(request.id);
    if (idProblem) throw new FieldsRefused([idProblem]);
    const id = asCycleId(request.id);
    const existing = await this.stores.cycles.get(id);
    if (existing && (existing.kind !== 'live' || existing.status !== 'draft')) {
      throw new UserFacingError(`Cycle ${id} is already ${existing.kind === 'published' ? 'published history' : existing.status}; a cycle can only be opened once.`);
    }
    const raw: Record<string, unknown> = {
      surveyId: request.surveyId ?? existing?.surveyId ?? this.healthCheck.id,
      closesOn: request.closesOn,
      opensOn: request.opensOn,
      title: request.title,
      threshold: request.threshold,
      textThreshold: request.textThreshold,
      audience: request.audience,
    };
    const checked = await this.check(raw, id, existing ? this.settingsOf(existing) : undefined);
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    const settings = request.plan ? { ...checked.settings, plan: request.plan } : checked.settings;
    if (existing) await this.stores.cycles.updateDraft(this.withSettings(existing, settings, await this.latestVersion(settings.surveyId)));
    else await this.insertDraft(id, settings);
    return this.openDraft(id);
  }

  /**
   * Opens a draft: its settings are checked once more against today and the directory as it
   * is now, its survey taken at its latest version, and from here on fixed. Opening on a day
   * after the draft's opening date opens it today; a later opening date is kept (invitations
   * then wait for it).
   */
  async openDraft(rawId: string): Promise<Cycle> {
    const cycle = await this.require(rawId);
    if (cycle.kind !== 'live' || cycle.status !== 'draft') {
      throw new UserFacingError(`Cycle ${cycle.id} is already ${cycle.kind === 'published' ? 'published history' : cycle.status}; a cycle can only be opened once.`);
    }
    const today = dateOf(this.clock.now());
    const checked = await this.check({}, cycle.id, this.settingsOf(cycle));
    if (!checked.ok) throw new FieldsRefused(checked.errors);
    const opensOn = cycle.opensOn < today ? today : cycle.opensOn;
    if (cycle.closesOn <= opensOn) throw new FieldsRefused([{ field: 'closesOn', message: `The closing date (${cycle.closesOn}) must be after the opening date (${opensOn}).` }]);
    const questionnaire = await this.questionnaires.find(cycle.surveyId);
    if (!questionnaire) throw new FieldsRefused([{ field: 'surveyId', message: `There is no survey "${cycle.surveyId}" any more: choose another.` }]);
    await this.refuseSecondOpenCycle(cycle, questionnaire.questionnaire);
    await this.stores.cycles.updateDraft({ ...cycle, opensOn, surveyVersion: questionnaire.questionnaire.version });
    return this.stores.cycles.setStatus(cycle.id, 'open');
  }

  async close(rawId: string): Promise<Cycle> {
    const cycle = await this.require(rawId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is published history; it cannot be opened or closed.`);
    if (cycle.status === 'closed') throw new UserFacingError(`Cycle ${cycle.id} is already closed.`);
    const closed = await this.stores.cycles.setStatus(cycle.id, 'closed');
    for (const then of this.afterClose) await then(closed);
    return closed;
  }

  /** Registers what closing a cycle also does (the close-out: drafts, About you answers, the secret). */
  onClose(then: AfterClose): void {
    this.afterClose.push(then);
  }

  /**
   * Publishes a closed cycle's results to staff. Publishing again changes nothing (a
   * double-click, a retry), and says when it was published.
   */
  async publish(rawId: string): Promise<Cycle> {
    const cycle = await this.require(rawId);
    if (cycle.kind === 'published') throw new UserFacingError(`${cycle.id} is published history: its results are already there for everyone.`);
    if (cycle.status !== 'closed') throw new UserFacingError(`${cycle.title} is ${cycle.status}: close it first, then publish its results.`);
    try {
      return await this.stores.cycles.markPublished(cycle.id, dateOf(this.clock.now()));
    } catch (error) {
      return explainStoreError(error);
    }
  }

  async list(): Promise<Cycle[]> {
    const all: Cycle[] = [];
    let continuation: string | undefined;
    do {
      const page = await this.stores.cycles.list({ limit: 100, ...(continuation ? { continuation } : {}) });
      all.push(...page.items);
      continuation = page.continuation;
    } while (continuation);
    return all;
  }

  /** The cycle, or a clear error naming the cycles that do exist. */
  async require(rawId: string): Promise<Cycle> {
    const cycle = await this.find(rawId);
    if (!cycle) {
      const known = (await this.list()).map((c) => c.id).join(', ');
      throw new UserFacingError(`There is no cycle "${rawId}". Cycles: ${known || 'none yet'}.`);
    }
    return cycle;
  }

  /** The cycle, or undefined for an id there is no cycle of (or that could not be one). */
  async find(rawId: string): Promise<Cycle | undefined> {
    return CYCLE_ID.test(rawId) ? this.stores.cycles.get(asCycleId(rawId)) : undefined;
  }

  /** A cycle's settings as the checks see them. */
  settingsOf(cycle: Cycle): CycleSettings {
    return {
      surveyId: cycle.surveyId,
      title: cycle.title,
      opensOn: cycle.opensOn,
      closesOn: cycle.closesOn,
      threshold: cycle.threshold,
      textThreshold: cycle.textThreshold,
      audience: cycle.audience ?? EVERYONE,
      plan: cycle.plan ?? DEFAULT_PLAN,
    };
  }

  private idProblem(raw: string): FieldError | undefined {
    if (!CYCLE_ID.test(raw)) return { field: 'id', message: `"${raw}" cannot be a cycle id: use lower-case letters, digits and dashes, e.g. 2026-27 or pulse-2026-05.` };
    // The tab's addresses use it (/api/cycles/audiences).
    if (raw === 'audiences') return { field: 'id', message: '"audiences" is a word the app keeps for itself: choose another cycle id.' };
    return undefined;
  }

  private async check(raw: CycleSettingsRequest, id: string, earlier?: CycleSettings) {
    const wanted = typeof raw.surveyId === 'string' && raw.surveyId.trim() !== '' ? raw.surveyId.trim() : earlier?.surveyId;
    const runnable = wanted === undefined ? undefined : await this.questionnaires.runnable(wanted);
    const organisation = this.directory ? await this.directory.organisation() : ORGANISATION_UNKNOWN;
    const isHealthCheck = runnable !== undefined && 'kind' in runnable && runnable.kind === 'health-check';
    return checkCycleSettings(raw, {
      today: dateOf(this.clock.now()),
      organisation,
      questionnaire: (asked) => (asked === wanted && runnable ? runnable : { refused: `There is no survey "${asked}".` }),
      // "Adult Social Care Organisational Health Check 2026/27"; a pulse's own title already says which.
      defaultTitle: (title) => (isHealthCheck ? `${title} ${id.replace(/^(\d{4})-(\d{2})$/, '$1/$2')}` : title),
      ...(earlier ? { earlier } : {}),
    });
  }

  private async latestVersion(surveyId: string): Promise<number> {
    return (await this.questionnaires.find(surveyId))?.questionnaire.version ?? 1;
  }

  private withSettings(cycle: Cycle, settings: CycleSettings, surveyVersion: number): Cycle {
    return { ...cycle, ...settings, surveyVersion };
  }

  private async insertDraft(id: CycleId, settings: CycleSettings): Promise<Cycle> {
    const cycle: Cycle = { id, kind: 'live', status: 'draft', surveyVersion: await this.latestVersion(settings.surveyId), ...settings };
    try {
      await this.stores.cycles.create(cycle, newCycleSecret());
    } catch (error) {
      return explainStoreError(error);
    }
    return cycle;
  }

  /** One open cycle per survey: a pulse may run during the Health Check, not a second Health Check. */
  private async refuseSecondOpenCycle(cycle: Cycle, questionnaire: Questionnaire): Promise<void> {
    const open = (await this.list()).find((c) => c.status === 'open' && c.kind === 'live' && c.surveyId === cycle.surveyId && c.id !== cycle.id);
    if (open)
      throw new UserFacingError(`Cycle ${open.id} is still open. Close it before opening another ${kindOf(questionnaire) === 'pulse' ? `run of ${questionnaire.title}` : questionnaire.title}.`);
  }
}

/** Store errors the person can act on, in their words. */
export function explainStoreError(error: unknown): never {
  if (error instanceof StoreError) throw new UserFacingError(error.message);
  throw error;
}
