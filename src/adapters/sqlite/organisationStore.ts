import type { Organisation, Person, StaffRole, Team } from '../../domain/organisation/types';
import { asUserId, type IsoDate } from '../../domain/shared/brand';
import type { OrganisationSaveOutcome, OrganisationStore, StoredOrganisation } from '../../ports/organisation';
import { checkDate } from './codec';
import { writeTransaction, type Db } from './database';

interface PersonRow {
  readonly id: string;
  readonly display_name: string;
  readonly role: StaffRole;
  readonly team_id: string | null;
  readonly line_manager_id: string | null;
  readonly supervisor_id: string | null;
  readonly left_on: string | null;
}

interface TeamRow {
  readonly id: string;
  readonly name: string;
  readonly service_area: string;
}

function toPerson(row: PersonRow): Person {
  return {
    id: asUserId(row.id),
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id ?? undefined,
    lineManagerId: row.line_manager_id === null ? undefined : asUserId(row.line_manager_id),
    supervisorId: row.supervisor_id === null ? undefined : asUserId(row.supervisor_id),
    ...(row.left_on === null ? {} : { leftOn: row.left_on }),
  };
}

/** People and teams (`people`, `teams`). Leavers stay, with `left_on`. */
export function sqliteOrganisationStore(db: Db): OrganisationStore {
  const upsertPerson = db.prepare(`
    INSERT INTO people (id, display_name, role, team_id, line_manager_id, supervisor_id, left_on)
    VALUES (@id, @displayName, @role, @teamId, @lineManagerId, @supervisorId, @leftOn)
    ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, role = excluded.role, team_id = excluded.team_id,
      line_manager_id = excluded.line_manager_id, supervisor_id = excluded.supervisor_id, left_on = excluded.left_on`);
  const markLeft = db.prepare('UPDATE people SET left_on = ? WHERE id = ? AND left_on IS NULL');
  const selectIds = db.prepare('SELECT id FROM people').pluck();
  const deleteTeams = db.prepare('DELETE FROM teams');
  const insertTeam = db.prepare('INSERT INTO teams (id, name, service_area) VALUES (?, ?, ?)');
  const setImported = db.prepare('INSERT INTO organisation_import (id, imported_on) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET imported_on = excluded.imported_on');
  const selectImported = db.prepare('SELECT imported_on FROM organisation_import WHERE id = 1').pluck();
  const selectPeople = db.prepare('SELECT id, display_name, role, team_id, line_manager_id, supervisor_id, left_on FROM people ORDER BY id');
  const selectTeams = db.prepare('SELECT id, name, service_area FROM teams ORDER BY id');

  return {
    async save(organisation: Organisation, importedOn: IsoDate): Promise<OrganisationSaveOutcome> {
      const day = checkDate(importedOn, 'import date');
      return writeTransaction(db, () => {
        const incoming = new Set(organisation.people.map((p) => p.id as string));
        let markedLeft = 0;
        for (const id of selectIds.all() as string[]) {
          if (!incoming.has(id)) markedLeft += markLeft.run(day, id).changes;
        }
        for (const p of organisation.people) {
          upsertPerson.run({
            id: p.id,
            displayName: p.displayName,
            role: p.role,
            teamId: p.teamId ?? null,
            lineManagerId: p.lineManagerId ?? null,
            supervisorId: p.supervisorId ?? null,
            leftOn: p.leftOn === undefined ? null : checkDate(p.leftOn, `leaving date of ${p.id}`),
          });
        }
        deleteTeams.run();
        for (const t of organisation.teams) insertTeam.run(t.id, t.name, t.serviceArea);
        setImported.run(day);
        return { people: organisation.people.length, teams: organisation.teams.length, markedLeft };
      });
    },

    async load(): Promise<StoredOrganisation | undefined> {
      const importedOn = selectImported.get() as string | undefined;
      if (importedOn === undefined) return undefined;
      const teams: Team[] = (selectTeams.all() as TeamRow[]).map((r) => ({ id: r.id, name: r.name, serviceArea: r.service_area }));
      const people = (selectPeople.all() as PersonRow[]).map(toPerson);
      return { organisation: { teams, people }, importedOn: checkDate(importedOn, 'import date') };
    },
  };
}
