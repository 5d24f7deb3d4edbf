import type { UserId } from '../shared/brand';

/** Roles in the council's words. Survey answers never carry these: they live in the directory. */
export type StaffRole =
  'social-worker' | 'senior-practitioner' | 'social-care-professional' | 'occupational-therapist' | 'ot-assistant' | 'team-manager' | 'service-manager' | 'principal-social-worker';

export interface Team {
  /** Matches the option id of the survey's team question, e.g. `hospital`. */
  readonly id: string;
  readonly name: string;
  /** e.g. `older-people` */
  readonly serviceArea: string;
}

export interface Person {
  readonly id: UserId;
  readonly displayName: string;
  readonly role: StaffRole;
  readonly teamId: string | undefined;
  readonly lineManagerId: UserId | undefined;
  /** Who supervises them; may differ from their line manager. */
  readonly supervisorId: UserId | undefined;
  /** The day they left (`YYYY-MM-DD`); leavers are kept so completed audits still name them. */
  readonly leftOn?: string;
}

export interface Organisation {
  readonly teams: readonly Team[];
  readonly people: readonly Person[];
}

/** Who is asked to answer the Health Check: practitioners, not managers of services. */
export function isHealthCheckAudience(person: Person): boolean {
  return person.role !== 'service-manager' && person.role !== 'principal-social-worker';
}
