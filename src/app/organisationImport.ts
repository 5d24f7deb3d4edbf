import { checkOrganisationRows, type OrgRowProblem } from '../domain/organisation/importRows';
import type { Organisation, StaffRole } from '../domain/organisation/types';
import { dateOf, type IsoDate } from '../domain/shared/brand';
import type { Clock } from '../ports/clock';
import type { DirectoryMappingReport } from '../domain/organisation/directoryMapping';
import { DirectorySourceError, type OrganisationSource } from '../ports/directory';
import type { OrganisationStore } from '../ports/organisation';
import { UserFacingError } from './errors';
import { readRows } from './importResponses';

export interface OrgImportReport {
  readonly rows: number;
  /** False on a dry run or when any row was refused: then nothing changed. */
  readonly imported: boolean;
  readonly people: number;
  readonly teams: number;
  /** People with a leaving date in the file. */
  readonly leavers: number;
  /** People who were in the previous import and are not in this one: kept, marked as left today. */
  readonly markedLeft: number;
  readonly problems: readonly OrgRowProblem[];
  /** People in post in the organisation now who are not in this file: the import keeps them as leavers (said before, on a dry run too). */
  readonly notInFile: number;
}

export interface OrgSummary {
  readonly importedOn: IsoDate | undefined;
  readonly people: number;
  readonly leavers: number;
  readonly teams: number;
  readonly byTeam: readonly { readonly team: string; readonly name: string; readonly people: number }[];
  readonly byRole: readonly { readonly role: StaffRole; readonly people: number }[];
  readonly supervisors: readonly { readonly id: string; readonly name: string; readonly supervisees: number }[];
}

export interface OrgSyncReport extends DirectoryMappingReport {
  readonly source: string;
  /** False on a dry run or when the sync was refused: then nothing changed. */
  readonly imported: boolean;
  /** People in the store before who are not in the tenant now (or whose account is disabled): kept as leavers. */
  readonly markedLeft: number;
}

/**
 * A sync that would turn this share of the people now in post into leavers is more likely a
 * wrong mapping or a filtered tenant than a real exodus; it is refused unless forced, because
 * re-planning would cancel those people's audits.
 */
export const MAX_LEAVERS_SHARE = 0.25;

/** `phc org import` and `phc org show`: the organisation from a CSV, kept in the store. */
export class OrganisationService {
  constructor(
    private readonly store: OrganisationStore,
    private readonly clock: Clock,
  ) {}

  /** All or nothing: if any row is refused nothing is saved and every problem is reported by line. */
  async importCsv(fileName: string, text: string, options: { dryRun?: boolean } = {}): Promise<OrgImportReport> {
    const rows = readRows(fileName, text);
    if (rows.length === 0) throw new UserFacingError('The file has nobody in it.');
    const checked = checkOrganisationRows(rows);
    if (!checked.ok) return { rows: rows.length, imported: false, people: 0, teams: 0, leavers: 0, markedLeft: 0, notInFile: 0, problems: withColumnNumbers(checked.problems, rows) };
    const { organisation } = checked;
    const leavers = organisation.people.filter((p) => p.leftOn !== undefined).length;
    const today = dateOf(this.clock.now());
    const incoming = new Set(organisation.people.map((p) => p.id as string));
    const stored = await this.store.load();
    const notInFile = (stored?.organisation.people ?? []).filter((p) => (p.leftOn === undefined || p.leftOn > today) && !incoming.has(p.id)).length;
    const base = { rows: rows.length, people: organisation.people.length, teams: organisation.teams.length, leavers, notInFile, problems: [] };
    if (options.dryRun) return { ...base, imported: false, markedLeft: 0 };
    const saved = await this.store.save(organisation, dateOf(this.clock.now()));
    return { ...base, imported: true, markedLeft: saved.markedLeft };
  }

  /**
   * `phc org sync`: takes a snapshot of the tenant's directory and stores it the way a CSV
   * import is stored, so leavers keep their history. All or nothing: nothing is saved when
   * the directory cannot be read, when nobody matched the mapping, when management goes round
   * in a circle, or when too many people would become leavers at once (unless `force`).
   */
  async sync(source: OrganisationSource, options: { dryRun?: boolean; force?: boolean } = {}): Promise<OrgSyncReport> {
    const stored = await this.store.load();
    let read;
    try {
      read = await source.read(stored?.organisation);
    } catch (error) {
      if (error instanceof DirectorySourceError) throw new UserFacingError(`Nothing was imported: could not read the organisation from ${source.name}. ${error.message}`);
      throw error;
    }
    const { organisation, report } = read;
    const base = { source: source.name, ...report };
    if (report.problems.length > 0) throw new UserFacingError(`Nothing was imported from ${source.name}: the organisation it gives cannot be used as it is.`, report.problems);
    if (organisation.people.length === 0) {
      throw new UserFacingError(
        `Nothing was imported: nobody in ${source.name} matched the mapping (${report.users} users read, ${report.outsideService} outside the service's departments, ${report.unmappedTitles.reduce((n, t) => n + t.people, 0)} with job titles no rule maps). Check PHC_DIRECTORY_MAPPING.`,
      );
    }
    const today = dateOf(this.clock.now());
    const incoming = new Set(organisation.people.map((p) => p.id as string));
    const inPost = (stored?.organisation.people ?? []).filter((p) => p.leftOn === undefined || p.leftOn > today);
    const leaving = inPost.filter((p) => !incoming.has(p.id)).length;
    if (!options.force && leaving >= 10 && leaving > inPost.length * MAX_LEAVERS_SHARE) {
      throw new UserFacingError(
        `Nothing was imported: ${leaving} of the ${inPost.length} people in post would become leavers, more than ${Math.round(MAX_LEAVERS_SHARE * 100)}% at once. If that is right, run again with --force; if not, check the mapping (PHC_DIRECTORY_MAPPING) and the app's access to the directory.`,
      );
    }
    if (options.dryRun) return { ...base, imported: false, markedLeft: 0 };
    const saved = await this.store.save(organisation, today);
    return { ...base, imported: true, markedLeft: saved.markedLeft };
  }

  /** Counts by team and role, and supervisors with how many they supervise; current staff only. */
  async summary(): Promise<OrgSummary> {
    const stored = await this.store.load();
    if (!stored) return summarise(undefined, { teams: [], people: [] }, 0);
    const today = dateOf(this.clock.now());
    const current = stored.organisation.people.filter((p) => p.leftOn === undefined || p.leftOn > today);
    return summarise(stored.importedOn, { teams: stored.organisation.teams, people: current }, stored.organisation.people.length - current.length);
  }
}

/**
 * Problems with the position of their column in the file added (`column 3, role`), so a
 * person can find the cell; `normalise` maps the file's header to the import's own name.
 */
export function withColumnNumbers<P extends { readonly column?: string }>(
  problems: readonly P[],
  rows: readonly { readonly columns?: Readonly<Record<string, number>> }[],
  normalise: (header: string) => string = (h) => h,
): (P & { readonly columnNumber?: number })[] {
  const columns = rows[0]?.columns ?? {};
  const byName = new Map(Object.entries(columns).map(([header, n]) => [normalise(header), n]));
  return problems.map((p) => {
    const n = p.column === undefined ? undefined : byName.get(p.column);
    return n === undefined ? p : { ...p, columnNumber: n };
  });
}

function summarise(importedOn: IsoDate | undefined, org: Organisation, leavers: number): OrgSummary {
  const teamNames = new Map(org.teams.map((t) => [t.id, t.name]));
  const count = <K>(keys: K[]): Map<K, number> => keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<K, number>());
  const byTeam = [...count(org.people.map((p) => p.teamId ?? ''))].map(([team, people]) => ({ team, name: team === '' ? 'No team' : (teamNames.get(team) ?? team), people }));
  byTeam.sort((a, b) => a.name.localeCompare(b.name));
  const byRole = [...count(org.people.map((p) => p.role))].map(([role, people]) => ({ role, people })).sort((a, b) => a.role.localeCompare(b.role));
  const names = new Map(org.people.map((p) => [p.id as string, p.displayName]));
  const supervisors = [...count(org.people.flatMap((p) => (p.supervisorId ? [p.supervisorId as string] : [])))]
    .map(([id, supervisees]) => ({ id, name: names.get(id) ?? id, supervisees }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { importedOn, people: org.people.length, leavers, teams: org.teams.length, byTeam, byRole, supervisors };
}
