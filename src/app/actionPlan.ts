import { randomBytes } from 'node:crypto';
import { checkAction, checkYouSaidWeDid, type FieldError } from '../domain/actionPlan/validate';
import type { Action, YouSaidWeDid } from '../domain/actionPlan/types';
import { findQuestion } from '../domain/survey/rules';
import type { Questionnaire } from '../domain/survey/types';
import { dateOf } from '../domain/shared/brand';
import type { AuditTaskId } from '../domain/audit/plan/task';
import type { ActionStore } from '../ports/actionPlan';
import type { AuditTaskStore } from '../ports/audits';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import { StoreError, type Stores } from '../ports/stores';
import { UserFacingError } from './errors';

/** Fields refused: each error names its field, for the page to show beside it. */
export class ActionRefused extends UserFacingError {
  constructor(readonly errors: readonly FieldError[]) {
    super(
      errors.length === 1 ? 'Please check the field marked.' : `Please check the ${errors.length} fields marked.`,
      errors.map((e) => e.message),
    );
    this.name = 'ActionRefused';
  }
}

/** The action changed under the person: reload and redo. */
export class ActionConflict extends UserFacingError {
  constructor() {
    super('Someone else changed this action at the same time, so your change was not saved. Please reload it and redo your change.');
    this.name = 'ActionConflict';
  }
}

export class ActionNotFound extends UserFacingError {
  constructor() {
    super('That action could not be found. It may have been deleted; reload the action plan.');
    this.name = 'ActionNotFound';
  }
}

/**
 * The action plan's use cases. Who may do what is decided by the caller (the tab's API,
 * with domain/access); this service checks the fields against the directory, the
 * questionnaire, the cycles and the audit tasks, and keeps the record.
 */
export class ActionService {
  constructor(
    private readonly store: ActionStore,
    private readonly directory: Directory,
    private readonly questionnaire: Questionnaire,
    private readonly stores: Pick<Stores, 'cycles'>,
    private readonly tasks: Pick<AuditTaskStore, 'get'>,
    private readonly clock: Clock,
  ) {}

  list(): Promise<Action[]> {
    return this.store.list();
  }

  async get(id: string): Promise<Action> {
    const action = await this.store.get(id);
    if (!action) throw new ActionNotFound();
    return action;
  }

  async create(input: unknown, createdBy: string): Promise<Action> {
    const checked = checkAction(input, await this.context(input));
    if (!checked.ok) throw new ActionRefused(checked.errors);
    const today = dateOf(this.clock.now());
    return this.store.create({ id: `act-${randomBytes(8).toString('hex')}`, ...checked.fields, createdBy, createdOn: today, updatedOn: today });
  }

  async update(id: string, input: unknown): Promise<Action> {
    const earlier = await this.get(id);
    const version = typeof input === 'object' && input !== null ? (input as { version?: unknown }).version : undefined;
    if (typeof version !== 'number' || !Number.isInteger(version))
      throw new ActionRefused([{ field: 'version', message: 'Send back the version of the action you read, so a change made meanwhile is not overwritten.' }]);
    const checked = checkAction(input, await this.context(input), earlier);
    if (!checked.ok) throw new ActionRefused(checked.errors);
    try {
      return await this.store.update({ ...earlier, ...checked.fields, updatedOn: dateOf(this.clock.now()) }, version);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'conflict') throw new ActionConflict();
      if (error instanceof StoreError && error.code === 'not-found') throw new ActionNotFound();
      throw error;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.store.remove(id);
    } catch (error) {
      if (error instanceof StoreError && error.code === 'not-found') throw new ActionNotFound();
      throw error;
    }
  }

  /** Checks and records a "You said, we did" update; the caller queues it for staff. */
  async recordUpdate(input: unknown, sentBy: string): Promise<YouSaidWeDid> {
    const ids = new Set((await this.store.list()).map((a) => a.id));
    const checked = checkYouSaidWeDid(input, (id) => ids.has(id));
    if (!checked.ok) throw new ActionRefused(checked.errors);
    const update: YouSaidWeDid = { id: `ysd-${randomBytes(8).toString('hex')}`, message: checked.message, actionIds: checked.actionIds, sentBy, sentOn: dateOf(this.clock.now()) };
    await this.store.addUpdate(update);
    return update;
  }

  updates(): Promise<YouSaidWeDid[]> {
    return this.store.updates();
  }

  /** What the checks look up, fetched once (the audit task only when one is linked). */
  private async context(input: unknown) {
    const people = new Set((await this.directory.organisation()).people.map((p) => p.id as string));
    const cycles = new Set<string>();
    for (let page = await this.stores.cycles.list({ limit: 100 }); ; page = await this.stores.cycles.list({ limit: 100, continuation: page.continuation as string })) {
      for (const c of page.items) cycles.add(c.id);
      if (page.continuation === undefined) break;
    }
    const link = typeof input === 'object' && input !== null ? (input as { link?: { kind?: unknown; auditId?: unknown } }).link : undefined;
    const auditId = link?.kind === 'audit' && typeof link.auditId === 'string' ? link.auditId.trim() : undefined;
    const audit = auditId ? await this.tasks.get(auditId as AuditTaskId) : undefined;
    return {
      isPerson: (id: string) => people.has(id),
      isQuestion: (id: string) => findQuestion(this.questionnaire, id) !== undefined,
      isCycle: (id: string) => cycles.has(id),
      isAudit: (id: string) => audit !== undefined && audit.id === id,
    };
  }
}

/**
 * Queues a "You said, we did" update for everyone in the directory (all staff: the update is
 * about what was done for all of them). Once per person per update, however often it is
 * called; returns how many were queued now.
 */
export async function queueYouSaidWeDid(store: Pick<ActionStore, 'queueDeliveries'>, directory: Directory, update: YouSaidWeDid): Promise<number> {
  const { people } = await directory.organisation();
  return store.queueDeliveries(
    update.id,
    people.map((p) => p.id),
  );
}
