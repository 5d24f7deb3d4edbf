import { accessInstant, type AccessAction, type AccessVia, type NamedRecordKind } from '../domain/dataProtection/access';
import type { AccessLogStore } from '../ports/accessLog';
import type { Clock } from '../ports/clock';
import type { Directory } from '../ports/directory';
import type { HeldItem, HeldRows, PersonRecordsStore } from '../ports/personRecords';
import { UserFacingError } from './errors';

/** Writes the access log: who read or exported which kind of named record, about whom, when. */
export class AccessLogger {
  constructor(
    private readonly store: AccessLogStore,
    private readonly clock: Clock,
  ) {}

  async log(entry: {
    readonly viewerId: string;
    readonly what: NamedRecordKind;
    readonly subjectId?: string;
    readonly records: number;
    readonly via: AccessVia;
    readonly action?: AccessAction;
  }): Promise<void> {
    await this.store.record({
      at: accessInstant(this.clock.now()),
      viewerId: entry.viewerId,
      action: entry.action ?? 'read',
      what: entry.what,
      ...(entry.subjectId !== undefined ? { subjectId: entry.subjectId } : {}),
      records: entry.records,
      via: entry.via,
    });
  }
}

export interface PersonExport {
  /** When it was made (ISO instant). */
  readonly madeAt: string;
  readonly person: {
    readonly id: string;
    readonly displayName: string | undefined;
    readonly role: string | undefined;
    readonly teamId: string | undefined;
    readonly leftOn: string | undefined;
  };
  /** Every row of the app's store that holds their id, table by table. */
  readonly store: readonly HeldRows[];
  /** Their records as SharePoint holds them (empty without SharePoint). */
  readonly sharePoint: readonly HeldItem[];
  /** What the app holds about everyone but cannot tie to them, so is not in this export: said plainly. */
  readonly notLinked: readonly string[];
}

const NOT_LINKED = [
  "Survey answers: kept without your name, your Teams id or the time you sent them, so they cannot be found for you (and a cycle's About you answers are taken off them when it closes).",
  'Whether you took part in a survey: kept as a keyed hash that only the app could work out while the survey was open; the key is destroyed when it closes.',
];

/**
 * Everything held about a named worker (UK GDPR Article 15), for `phc person export` and the
 * tab: the directory's entry, every row of the store that holds their id, and their records in
 * SharePoint. Each export is written to the access log.
 */
export class PersonExportService {
  constructor(private readonly deps: { readonly records: PersonRecordsStore; readonly directory: Directory; readonly access: AccessLogger; readonly clock: Clock }) {}

  async export(personId: string, by: { readonly viewerId: string; readonly via: AccessVia }): Promise<PersonExport> {
    const id = personId.trim();
    if (id === '' || id.length > 200) throw new UserFacingError('Give the person\'s id, as "phc org show" lists it (an Entra object id, or demo-… in the demo).');
    const organisation = await this.deps.directory.organisation();
    const leavers = (await this.deps.directory.leavers?.()) ?? [];
    const person = [...organisation.people, ...leavers].find((p) => p.id === id);
    const store = await this.deps.records.rowsAbout(id);
    const sharePoint = await this.deps.records.itemsAbout(id);
    if (!person && store.length === 0 && sharePoint.length === 0) throw new UserFacingError(`Nothing is held about "${id}": nobody with that id is in the directory or any record.`);
    await this.deps.access.log({
      viewerId: by.viewerId,
      what: 'person-export',
      subjectId: id,
      records: store.reduce((n, t) => n + t.rows.length, 0) + sharePoint.length,
      via: by.via,
      action: 'export',
    });
    return {
      madeAt: this.deps.clock.now().toISOString(),
      person: { id, displayName: person?.displayName, role: person?.role, teamId: person?.teamId, leftOn: person?.leftOn },
      store,
      sharePoint,
      notLinked: NOT_LINKED,
    };
  }
}
