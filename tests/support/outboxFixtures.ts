import { asUserId } from '../../src/domain/shared/brand';
import type { Organisation, Person, StaffRole, Team } from '../../src/domain/organisation/types';
import type { Clock } from '../../src/ports/clock';
import type { Directory } from '../../src/ports/directory';

/** A clock tests move by hand; `sleep` moves it, so waiting costs no real time. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: string | number) {
    this.current = typeof start === 'number' ? start : Date.parse(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string): void {
    this.current = Date.parse(iso);
  }
  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }
  readonly sleep = (ms: number): Promise<void> => {
    this.advance(ms);
    return Promise.resolve();
  };
}

/** A clock that starts at `start` and runs at `speed` × real time (for child processes). */
export function runningClock(start: number, speed = 1): Clock {
  const realStart = performance.now();
  return { now: () => new Date(start + (performance.now() - realStart) * speed) };
}

/** Deterministic randomness for backoff jitter in tests and benchmarks: the domain's own mulberry32. */
export { mulberry32 as seededRandom } from '../../src/domain/audit/plan/random';

/**
 * `count` practitioners in teams of about `teamSize`, plus one service manager (not in the
 * audience). Ids are `p00001`… so the order is predictable.
 */
export function syntheticOrganisation(count: number, teamSize = 12): Organisation {
  const teams: Team[] = [];
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const teamIndex = Math.floor(i / teamSize);
    if (!teams[teamIndex]) teams.push({ id: `team-${teamIndex + 1}`, name: `Team ${teamIndex + 1}`, serviceArea: `area-${(teamIndex % 4) + 1}` });
    const role: StaffRole = i % 3 === 0 ? 'occupational-therapist' : 'social-worker';
    people.push({ id: asUserId(`p${String(i + 1).padStart(5, '0')}`), displayName: `Person ${i + 1}`, role, teamId: `team-${teamIndex + 1}`, lineManagerId: undefined, supervisorId: undefined });
  }
  people.push({ id: asUserId('manager'), displayName: 'Service Manager', role: 'service-manager', teamId: undefined, lineManagerId: undefined, supervisorId: undefined });
  return { teams, people };
}

export function staticDirectory(organisation: Organisation): Directory {
  return { organisation: () => Promise.resolve(organisation) };
}
