import { asUserId, type UserId } from '../../domain/shared/brand';
import type { Organisation, Person, StaffRole, Team } from '../../domain/organisation/types';
import type { Directory } from '../../ports/directory';

/**
 * A fictional adult social care service for running the app with no tenant. Team names
 * follow the kind of services a council has; every person is invented (names are drawn
 * from common first names and surnames, not from any real council).
 */

export const DEMO_TEAMS: readonly Team[] = [
  { id: 'hospital', name: 'Hospital team', serviceArea: 'hospital-and-intake' },
  { id: 'intake', name: 'Intake', serviceArea: 'hospital-and-intake' },
  { id: 'occupational-therapy', name: 'Occupational therapy', serviceArea: 'occupational-therapy' },
  { id: 'older-people-review', name: 'Older people review', serviceArea: 'older-people' },
  { id: 'older-people-case-management', name: 'Older people case management', serviceArea: 'older-people' },
  { id: 'short-term', name: 'Short term services', serviceArea: 'short-term' },
  { id: 'all-age-transitions', name: 'All age transitions', serviceArea: 'all-age-disability' },
  { id: 'all-age-case-management', name: 'All age case management', serviceArea: 'all-age-disability' },
];

const FIRST = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Ellen',
  'Farid',
  'Grace',
  'Harry',
  'Isla',
  'Jamal',
  'Kate',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Una',
  'Vikram',
  'Wendy',
  'Yusuf',
  'Zoe',
];
const LAST = [
  'Adeyemi',
  'Brown',
  'Clarke',
  'Dhillon',
  'Evans',
  'Fraser',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  "O'Brien",
  'Patel',
  'Reid',
  'Singh',
  'Taylor',
  'Walsh',
];

/** Practitioners per team, by role: [social workers, social care professionals, OTs, OT assistants]. */
const TEAM_MIX: Readonly<Record<string, readonly [number, number, number, number]>> = {
  hospital: [6, 4, 1, 0],
  intake: [5, 5, 0, 0],
  'occupational-therapy': [0, 1, 9, 3],
  'older-people-review': [4, 6, 0, 0],
  'older-people-case-management': [7, 5, 1, 0],
  'short-term': [2, 6, 2, 1],
  'all-age-transitions': [5, 3, 1, 0],
  'all-age-case-management': [6, 4, 1, 0],
};

/**
 * The Microsoft 365 Agents Playground's own mock users (fictional people Microsoft uses in its
 * samples). Six practitioners of the demo organisation take their Entra ids, so whoever opens
 * the bot in the playground is a member of staff here, and the invitation queued for them
 * is delivered once their chat with the bot exists.
 */
export const PLAYGROUND_STAFF: readonly { readonly id: string; readonly displayName: string }[] = [
  { id: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber' },
  { id: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen' },
  { id: '00000000-0000-0000-0000-0000000000022', displayName: 'Adele Vance' },
  { id: '00000000-0000-0000-0000-0000000000023', displayName: 'Isaiah Langer' },
  { id: '00000000-0000-0000-0000-0000000000024', displayName: 'Patti Fernandez' },
  { id: '00000000-0000-0000-0000-0000000000025', displayName: 'Lynne Robbins' },
];

/** The demo organisation. Deterministic: the same people every start, so demo links keep working. */
export function demoOrganisation(): Organisation {
  const people: Person[] = [];
  let n = 0;
  const add = (role: StaffRole, teamId: string | undefined, lineManagerId?: UserId, supervisorId?: UserId): UserId => {
    const id = asUserId(`demo-${String(++n).padStart(3, '0')}`);
    const displayName = `${FIRST[n % FIRST.length]} ${LAST[(n * 7) % LAST.length]}`;
    people.push({ id, displayName, role, teamId, lineManagerId, supervisorId: supervisorId ?? lineManagerId });
    return id;
  };
  const psw = add('principal-social-worker', undefined);
  const serviceManagers = new Map<string, UserId>();
  for (const area of new Set(DEMO_TEAMS.map((t) => t.serviceArea))) serviceManagers.set(area, add('service-manager', undefined, psw));
  for (const team of DEMO_TEAMS) {
    const manager = add('team-manager', team.id, serviceManagers.get(team.serviceArea));
    // Seniors supervise most practitioners; the team manager supervises the seniors.
    const seniors = [add('senior-practitioner', team.id, manager), add('senior-practitioner', team.id, manager)];
    const [sw, scp, ot, ota] = TEAM_MIX[team.id] ?? [0, 0, 0, 0];
    const roles: StaffRole[] = [
      ...Array<StaffRole>(sw).fill('social-worker'),
      ...Array<StaffRole>(scp).fill('social-care-professional'),
      ...Array<StaffRole>(ot).fill('occupational-therapist'),
      ...Array<StaffRole>(ota).fill('ot-assistant'),
    ];
    roles.forEach((role, i) => add(role, team.id, manager, seniors[i % seniors.length]));
  }
  const practitioners = people.filter((p) => p.role === 'social-worker' || p.role === 'social-care-professional' || p.role === 'occupational-therapist');
  // The first five are practitioners; the sixth (Lynne Robbins) is the hospital team's first
  // senior practitioner, who supervises Alex, Adele and Patti: so a supervisor can receive and
  // complete an audit in the playground, and the people she audits are there too.
  const seniors = people.filter((p) => p.role === 'senior-practitioner');
  const slots = [...practitioners.slice(0, PLAYGROUND_STAFF.length - 1), seniors[0]];
  const mapped = new Map(PLAYGROUND_STAFF.map((staff, i) => [slots[i]?.id as string | undefined, staff]));
  const idOf = (id: UserId | undefined): UserId | undefined => (id === undefined ? undefined : asUserId(mapped.get(id)?.id ?? id));
  return {
    teams: DEMO_TEAMS,
    people: people.map((p) => {
      const staff = mapped.get(p.id);
      const linked = { ...p, lineManagerId: idOf(p.lineManagerId), supervisorId: idOf(p.supervisorId) };
      return staff ? { ...linked, id: asUserId(staff.id), displayName: staff.displayName } : linked;
    }),
  };
}

export class DemoDirectory implements Directory {
  private readonly org = demoOrganisation();
  organisation(): Promise<Organisation> {
    return Promise.resolve(this.org);
  }
}
