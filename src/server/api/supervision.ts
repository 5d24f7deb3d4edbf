import { can, type Scope } from '../../domain/access';
import { supervisionFrequency, type FrequencyCount } from '../../domain/audit/plan/supervisionLog';
import type { Person } from '../../domain/organisation/types';
import { allSupervisionRecords } from '../../ports/supervisionLog';
import { mustBe, scopeDto, type RequestContext, type TabApiDeps } from './context';
import type { FrequencyRowDto, SupervisionFrequencyDto } from './types';

function row(key: string, label: string, c: FrequencyCount): FrequencyRowDto {
  const summary = c.share === null ? 'Nobody to count' : `${Math.round(c.share * 100)}% supervised every month (${c.supervisedMonthly} of ${c.supervisees})`;
  return { key, label, supervisees: c.supervisees, supervisedMonthly: c.supervisedMonthly, share: c.share, summary };
}

/** The supervisees a scope covers: everyone, their teams' people, or their own supervisees. */
export function population(people: readonly Person[], scope: Scope, viewerId: string): Person[] {
  return people.filter((p) => p.supervisorId !== undefined && (scope.all || (p.teamId !== undefined && scope.teamIds.includes(p.teamId)) || p.supervisorId === viewerId));
}

/**
 * Supervision against the monthly policy (held at least once in every month of the period),
 * by team and by supervisor within the aggregate scope; who missed which month within the
 * named scope.
 */
export async function frequency(deps: TabApiDeps, ctx: RequestContext): Promise<SupervisionFrequencyDto> {
  const { viewer, organisation, url } = ctx;
  mustBe(can(viewer, 'view-supervision'), 'Supervision frequency is for supervisors, managers, the Principal Social Worker and the management team.');
  const log = deps.supervision;
  const period = log.periodOf(url.searchParams.get('from') ?? undefined, url.searchParams.get('to') ?? undefined);
  const records = await allSupervisionRecords(deps.supervisionLog, period);
  const aggregate = population(organisation.people, viewer.aggregateScope, viewer.person.id);
  const named = population(organisation.people, viewer.scope, viewer.person.id);
  const result = supervisionFrequency(records, aggregate, period);
  const name = (id: string) => organisation.people.find((p) => p.id === id)?.displayName ?? id;
  const teamName = (id: string) => (id === '' ? 'No team' : (organisation.teams.find((t) => t.id === id)?.name ?? id));
  const supervisors = [...new Set(aggregate.map((p) => p.supervisorId as string))];
  const bySupervisor = supervisors
    .map((s) =>
      row(
        s,
        name(s),
        supervisionFrequency(
          records,
          aggregate.filter((p) => p.supervisorId === s),
          period,
        ).overall,
      ),
    )
    .sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
  const missed = supervisionFrequency(records, named, period).missed.map((m) => {
    const person = organisation.people.find((p) => p.id === m.superviseeId);
    return { superviseeId: m.superviseeId, name: person?.displayName ?? m.superviseeId, supervisor: person?.supervisorId ? name(person.supervisorId) : '', months: m.months };
  });
  return {
    period,
    months: result.months,
    overall: row('all', 'Everyone in scope', result.overall),
    byTeam: result.byTeam.map((t) => row(t.teamId, teamName(t.teamId), t)).sort((a, b) => a.label.localeCompare(b.label, 'en-GB')),
    bySupervisor,
    missed,
    scope: scopeDto(viewer.scope),
  };
}
