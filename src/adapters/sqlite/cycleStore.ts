import { randomBytes } from 'node:crypto';
import { readAudience } from '../../domain/organisation/audience';
import { readPlan } from '../../domain/outbox/types';
import { asCycleId, type CycleId, type IsoDate } from '../../domain/shared/brand';
import { participationSecretName, type SecretDestruction, type SecretStore } from '../../ports/secrets';
import { StoreError, type Cycle, type CycleStatus, type CycleStore, type Page, type PageRequest } from '../../ports/stores';
import { checkDate, checkSurveyVersion, pageLimit, parseObject } from './codec';
import { compact, writeTransaction, type Db } from './database';

interface CycleRow {
  readonly id: string;
  readonly survey_id: string;
  readonly survey_version: number;
  readonly title: string;
  readonly kind: Cycle['kind'];
  readonly status: CycleStatus;
  readonly opens_on: string;
  readonly closes_on: string;
  readonly threshold: number;
  readonly text_threshold: number;
  readonly audience: string | null;
  readonly plan: string | null;
  readonly published_on: string | null;
}

const COLUMNS = 'id, survey_id, survey_version, title, kind, status, opens_on, closes_on, threshold, text_threshold';
/** A cycle's settings and publication (migration 2), read with the rest. */
const SETTINGS = 'audience, plan, published_on';

const ROW_FIELDS = [...COLUMNS.split(', '), ...SETTINGS.split(', ')] as (keyof CycleRow)[];
const sameRow = (a: CycleRow, b: CycleRow): boolean => ROW_FIELDS.every((field) => a[field] === b[field]);
/** Decoded cycles kept at most (a council has a handful open at once). */
const DECODED_KEPT = 64;

/** The only moves a cycle can make. */
const NEXT: Readonly<Record<CycleStatus, readonly CycleStatus[]>> = {
  draft: ['open', 'closed'],
  open: ['closed'],
  closed: [],
};

function toCycle(row: CycleRow): Cycle {
  return {
    id: asCycleId(row.id),
    surveyId: row.survey_id,
    surveyVersion: row.survey_version,
    title: row.title,
    kind: row.kind,
    status: row.status,
    opensOn: checkDate(row.opens_on, `opening date of cycle ${row.id}`),
    closesOn: checkDate(row.closes_on, `closing date of cycle ${row.id}`),
    threshold: row.threshold,
    textThreshold: row.text_threshold,
    ...settingsOf(row),
  };
}

/** The settings columns as the cycle's optional fields: JSON written by this store, read back as it was. */
function settingsOf(row: CycleRow): Pick<Cycle, 'audience' | 'plan' | 'publishedOn'> {
  const audience = row.audience === null ? undefined : readAudience(parseObject(row.audience));
  const plan = row.plan === null ? undefined : readPlan(parseObject(row.plan));
  return {
    ...(audience ? { audience } : {}),
    ...(plan ? { plan } : {}),
    ...(row.published_on !== null ? { publishedOn: checkDate(row.published_on, `publication date of cycle ${row.id}`) } : {}),
  };
}

/** The cycle's settings as columns. */
function settingsColumns(cycle: Cycle): { audience: string | null; plan: string | null; publishedOn: string | null } {
  return {
    audience: cycle.audience ? JSON.stringify(cycle.audience) : null,
    plan: cycle.plan ? JSON.stringify(cycle.plan) : null,
    publishedOn: cycle.publishedOn ?? null,
  };
}

function checkCycle(cycle: Cycle, secret: Buffer): void {
  if (typeof cycle.id !== 'string' || cycle.id === '') throw new StoreError('invalid', 'A cycle needs an id.');
  if (cycle.kind !== 'live' && cycle.kind !== 'published') throw new StoreError('invalid', `Cycle ${cycle.id} has an unknown kind.`);
  if (!(cycle.status in NEXT)) throw new StoreError('invalid', `Cycle ${cycle.id} has an unknown status.`);
  checkSurveyVersion(cycle.surveyVersion);
  checkDate(cycle.opensOn, 'opening date');
  checkDate(cycle.closesOn, 'closing date');
  for (const t of [cycle.threshold, cycle.textThreshold]) {
    if (!Number.isInteger(t) || t < 1) throw new StoreError('invalid', `The thresholds of cycle ${cycle.id} must be whole numbers of at least 1.`);
  }
  if (!Buffer.isBuffer(secret) || secret.length === 0) throw new StoreError('invalid', `Cycle ${cycle.id} needs a participation secret.`);
}

/**
 * Secrets a file written before the secret store had (migration 5 set them aside): each goes
 * to the secret store and is deleted here, and the file is compacted, so it keeps no copy.
 * Returns how many moved. Run when the stores open; safe to run again.
 */
export async function moveSecretsOutOfTheFile(db: Db, secrets: SecretStore): Promise<number> {
  const rows = db.prepare('SELECT cycle_id, secret FROM participation_secrets_to_move').all() as { cycle_id: string; secret: Buffer }[];
  for (const row of rows) {
    const name = participationSecretName(asCycleId(row.cycle_id));
    // A secret already in the store (moved by another process that stopped before deleting the row) is the one in use.
    if ((await secrets.get(name)) === undefined) await secrets.put(name, row.secret);
    db.prepare('DELETE FROM participation_secrets_to_move WHERE cycle_id = ?').run(row.cycle_id);
  }
  if (rows.length > 0) compact(db);
  return rows.length;
}

/**
 * Cycles in SQLite; each cycle's participation secret in the secret store (never in the file),
 * held in memory once read, since every survey turn needs it.
 */
export function sqliteCycleStore(db: Db, secrets: SecretStore): CycleStore {
  const select = db.prepare(`SELECT ${COLUMNS}, ${SETTINGS} FROM cycles WHERE id = ?`);
  const insert = db.prepare(
    `INSERT INTO cycles (${COLUMNS}, ${SETTINGS})
     VALUES (@id, @surveyId, @surveyVersion, @title, @kind, @status, @opensOn, @closesOn, @threshold, @textThreshold, @audience, @plan, @publishedOn)`,
  );
  const remove = db.prepare('DELETE FROM cycles WHERE id = ?');
  const page = db.prepare(`SELECT ${COLUMNS}, ${SETTINGS} FROM cycles ORDER BY opens_on DESC, id DESC LIMIT ? OFFSET ?`);
  const update = db.prepare('UPDATE cycles SET status = ? WHERE id = ?');
  const updateSettings = db.prepare(
    `UPDATE cycles SET survey_id = @surveyId, survey_version = @surveyVersion, title = @title, opens_on = @opensOn, closes_on = @closesOn,
       threshold = @threshold, text_threshold = @textThreshold, audience = @audience, plan = @plan WHERE id = @id AND status = 'draft'`,
  );
  const publish = db.prepare('UPDATE cycles SET published_on = ? WHERE id = ? AND published_on IS NULL');
  const toMove = db.prepare('SELECT secret FROM participation_secrets_to_move WHERE cycle_id = ?').pluck();
  const moved = db.prepare('DELETE FROM participation_secrets_to_move WHERE cycle_id = ?');
  const known = new Map<string, Buffer>();
  // A row read again is decoded again only when it has changed.
  const decoded = new Map<string, { readonly row: CycleRow; readonly cycle: Cycle }>();
  // Every survey turn reads its cycle two or three times, and every opening the list of cycles.
  // What was read is kept while the count of changes to the cycles (migration 7: moved by any
  // change, by any connection) stands: the check is one row, where the list was a sort. Only
  // outside a transaction: a count seen inside one may be rolled back, and then reached again
  // by another connection's change with other cycles.
  const changes = db.prepare('SELECT count FROM cycle_changes').pluck();
  let keptAt = -1;
  let listed: { readonly limit: number; readonly offset: number; readonly page: Page<Cycle> } | undefined;
  const gotten = new Map<string, Cycle | null>();
  /** Whether what is read now may be kept; forgets what was kept if the cycles have changed since. */
  const keeping = (): boolean => {
    if (db.inTransaction) return false;
    const count = changes.get() as number;
    if (count !== keptAt) {
      keptAt = count;
      listed = undefined;
      gotten.clear();
    }
    return true;
  };

  const decode = (row: CycleRow): Cycle => {
    const kept = decoded.get(row.id);
    if (kept && sameRow(kept.row, row)) return kept.cycle;
    const cycle = toCycle(row);
    if (decoded.size >= DECODED_KEPT) decoded.clear();
    decoded.set(row.id, { row, cycle });
    return cycle;
  };
  const get = (id: CycleId): Cycle | undefined => {
    const keep = keeping();
    const kept = keep ? gotten.get(id) : undefined;
    if (kept !== undefined) return kept ?? undefined;
    const row = select.get(id) as CycleRow | undefined;
    const cycle = row && decode(row);
    if (keep) {
      // Ids come from requests: a cycle nobody has is kept too, but not without bound.
      if (gotten.size >= DECODED_KEPT) gotten.clear();
      gotten.set(id, cycle ?? null);
    }
    return cycle;
  };

  return {
    async create(cycle: Cycle, participationSecret: Buffer): Promise<void> {
      checkCycle(cycle, participationSecret);
      // The row first, so two processes creating the same cycle cannot both store a secret for it.
      writeTransaction(db, () => {
        if (select.get(cycle.id)) throw new StoreError('already-exists', `There is already a cycle ${cycle.id}.`);
        insert.run({ ...cycle, ...settingsColumns(cycle) });
      });
      try {
        await secrets.put(participationSecretName(cycle.id), participationSecret);
      } catch (error) {
        // No cycle without its secret: the row goes again, and the caller hears why.
        remove.run(cycle.id);
        throw error;
      }
      known.set(cycle.id, Buffer.from(participationSecret));
    },

    async get(id: CycleId): Promise<Cycle | undefined> {
      return get(id);
    },

    async list(request: PageRequest): Promise<Page<Cycle>> {
      const limit = pageLimit(request);
      const token = request.continuation ?? '0';
      if (!/^\d{1,9}$/.test(token)) throw new StoreError('invalid', 'That continuation token is not one this store gave out.');
      const offset = Number(token);
      // Counted before the page is read: a commit in between makes the next call read again, never keep an old page.
      const keep = keeping();
      // The page as decoded, handed out as a new array each time so no caller changes the one kept.
      if (keep && listed?.limit === limit && listed.offset === offset) return { ...listed.page, items: [...listed.page.items] };
      const rows = page.all(limit + 1, offset) as CycleRow[];
      const items = rows.slice(0, limit).map(decode);
      const read: Page<Cycle> = rows.length > limit ? { items, continuation: String(offset + limit) } : { items };
      if (keep) listed = { limit, offset, page: read };
      return { ...read, items: [...items] };
    },

    async setStatus(id: CycleId, status: CycleStatus): Promise<Cycle> {
      const updated = writeTransaction(db, () => {
        const current = get(id);
        if (!current) throw new StoreError('not-found', `There is no cycle ${id}.`);
        if (!NEXT[current.status].includes(status)) {
          throw new StoreError('conflict', `Cycle ${id} is ${current.status}; it cannot be made ${status}.`);
        }
        update.run(status, id);
        return { ...current, status };
      });
      // A closed cycle's responses are final: rewrite the file so it keeps no trace of arrival order.
      if (status === 'closed') compact(db);
      return updated;
    },

    async updateDraft(cycle: Cycle): Promise<Cycle> {
      checkCycle(cycle, Buffer.alloc(1));
      return writeTransaction(db, () => {
        const current = get(cycle.id);
        if (!current) throw new StoreError('not-found', `There is no cycle ${cycle.id}.`);
        if (current.status !== 'draft' || current.kind !== 'live') throw new StoreError('conflict', `Cycle ${cycle.id} is ${current.status}; its settings are fixed once it opens.`);
        updateSettings.run({ ...cycle, ...settingsColumns(cycle) });
        return get(cycle.id) as Cycle;
      });
    },

    async markPublished(id: CycleId, on: IsoDate): Promise<Cycle> {
      checkDate(on, 'publication date');
      return writeTransaction(db, () => {
        const current = get(id);
        if (!current) throw new StoreError('not-found', `There is no cycle ${id}.`);
        if (current.kind !== 'live' || current.status !== 'closed')
          throw new StoreError('conflict', `Cycle ${id} is ${current.kind === 'published' ? 'published history' : current.status}; only a closed cycle's results can be published.`);
        publish.run(on, id);
        return get(id) as Cycle;
      });
    },

    async participationSecret(id: CycleId): Promise<Buffer> {
      const cached = known.get(id);
      if (cached) return Buffer.from(cached);
      const cycle = get(id);
      if (!cycle) throw new StoreError('not-found', `There is no cycle ${id}.`);
      const name = participationSecretName(id);
      let secret = await secrets.get(name);
      const legacy = secret === undefined ? (toMove.get(id) as Buffer | undefined) : undefined;
      if (legacy) {
        await secrets.put(name, legacy);
        moved.run(id);
        secret = legacy;
      }
      if (secret === undefined && cycle.status === 'draft') {
        // Nobody can have taken part in a draft: a secret lost before it opened is simply made again.
        secret = randomBytes(32);
        await secrets.put(name, secret);
      }
      if (secret === undefined && cycle.status === 'closed') {
        throw new StoreError('not-found', `The participation secret of cycle ${id} was destroyed when it closed: nobody can now tell who took part.`);
      }
      if (secret === undefined) {
        throw new StoreError(
          'not-found',
          `The participation secret of cycle ${id} is not in ${secrets.where}: without it the app cannot tell who has answered, so it takes no answers for this cycle. Point the app at the vault that holds it (PHC_KEY_VAULT_URL).`,
        );
      }
      known.set(id, secret);
      return Buffer.from(secret);
    },

    async destroyParticipationSecret(id: CycleId): Promise<SecretDestruction> {
      if (!get(id)) throw new StoreError('not-found', `There is no cycle ${id}.`);
      known.get(id)?.fill(0);
      known.delete(id);
      moved.run(id);
      return secrets.destroy(participationSecretName(id));
    },
  };
}
