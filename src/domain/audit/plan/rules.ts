import type { StaffRole } from '../../organisation/types';
import type { AuditFormId } from '../forms/types';

/**
 * The annual audit plan (Appendix 6 of the Practice Quality Assurance Framework) as data.
 * The defaults follow the framework; the Principal Social Worker can change any of it
 * (frequency, windows, who leads, forms) without a code change.
 */

/** One line of Appendix 6, e.g. `practice-standards-audit`. */
export type AuditActivityId = 'supervision-audit' | 'practice-standards-audit' | 'practice-observation' | 'caseload-workload-audit' | 'national-standards-audit' | 'health-check' | 'thematic-review';

export type { AuditFormId };

/** Calendar month, 1 January … 12 December. */
export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;

/**
 * Months of the council's year (April–March), inclusive, e.g. `{ from: 10, to: 12 }` for Q3
 * and `{ from: 1, to: 3 }` for Q4 (January–March after the April the year starts in).
 * `{ from: 4, to: 3 }` is the whole year.
 */
export interface AuditWindow {
  readonly from: Month;
  readonly to: Month;
}

/**
 * Whose audit each task is:
 * - `supervisors`: everyone who supervises at least one person (the supervision audit);
 * - `supervisees`: everyone with a supervisor whose role is in `roles`;
 * - `teams`: each team;
 * - `organisation`: one task for the whole service.
 */
export type AuditSubjects = { readonly kind: 'supervisors' } | { readonly kind: 'supervisees'; readonly roles: readonly StaffRole[] } | { readonly kind: 'teams' } | { readonly kind: 'organisation' };

/**
 * Who leads (is asked to do) the audit:
 * - `line-manager`: the subject's line manager (for a supervisor: "the audit leads will be line managers of supervisors");
 * - `supervisor`: the subject's supervisor ("the audit lead will be the operational supervisor");
 * - `team-manager`: the team manager of a team subject;
 * - `role`: the person holding a role, e.g. the Adults Principal Social Worker.
 */
export type AuditLead = { readonly kind: 'line-manager' } | { readonly kind: 'supervisor' } | { readonly kind: 'team-manager' } | { readonly kind: 'role'; readonly role: StaffRole };

/** The form to fill: one for everybody, or chosen by the subject's role. `null`: no form in the app yet. */
export interface AuditFormRule {
  readonly default: AuditFormId | null;
  readonly byRole?: Partial<Readonly<Record<StaffRole, AuditFormId>>>;
}

export interface AuditRule {
  readonly activity: AuditActivityId;
  /** In the council's words, e.g. "Practice standards audit". */
  readonly title: string;
  readonly subjects: AuditSubjects;
  readonly lead: AuditLead;
  /** Occurrences per year; the window is split into this many equal parts, one per occurrence. */
  readonly frequency: 1 | 2 | 4;
  readonly window: AuditWindow;
  readonly form: AuditFormRule;
  /** Who else takes part, for the reminder text only (Appendix 6 "Who"). */
  readonly involves?: readonly StaffRole[];
}

export interface AuditPlanRules {
  readonly rules: readonly AuditRule[];
  /** No auditor has more than this many tasks due in one week (Monday–Sunday). */
  readonly maxDuePerAuditorPerWeek: number;
  /** Extra days with nothing due, besides weekends, 25–26 December and 1 January, e.g. bank holidays. */
  readonly closedDays?: readonly string[];
}

/** Practitioners who hold cases: the people practice standards audits and observations are about. */
export const CASE_HOLDING_ROLES: readonly StaffRole[] = ['social-worker', 'senior-practitioner', 'social-care-professional', 'occupational-therapist', 'ot-assistant'];

const WHOLE_YEAR: AuditWindow = { from: 4, to: 3 };
const Q3: AuditWindow = { from: 10, to: 12 };
const Q4: AuditWindow = { from: 1, to: 3 };
const PSW = { kind: 'role', role: 'principal-social-worker' } as const;

/** Appendix 6 as the framework states it. */
export const DEFAULT_AUDIT_RULES: AuditPlanRules = {
  maxDuePerAuditorPerWeek: 2,
  rules: [
    {
      activity: 'supervision-audit',
      title: 'Staff supervision audit',
      subjects: { kind: 'supervisors' },
      lead: { kind: 'line-manager' },
      frequency: 1,
      window: WHOLE_YEAR,
      form: { default: 'appendix-1' },
    },
    {
      activity: 'practice-standards-audit',
      title: 'Practice standards audit',
      subjects: { kind: 'supervisees', roles: CASE_HOLDING_ROLES },
      lead: { kind: 'supervisor' },
      frequency: 2,
      window: WHOLE_YEAR,
      form: { default: 'appendix-2', byRole: { 'occupational-therapist': 'appendix-3', 'ot-assistant': 'appendix-3' } },
    },
    {
      activity: 'practice-observation',
      title: 'Practice observation',
      subjects: { kind: 'supervisees', roles: CASE_HOLDING_ROLES },
      lead: { kind: 'supervisor' },
      frequency: 1,
      window: WHOLE_YEAR,
      form: { default: 'appendix-4' },
    },
    {
      // "Team level caseload collection and analysis": each team manager returns their team's figures; the PSW collates.
      activity: 'caseload-workload-audit',
      title: 'Caseload and workload audit',
      subjects: { kind: 'teams' },
      lead: { kind: 'team-manager' },
      frequency: 1,
      window: Q3,
      form: { default: null },
      involves: ['service-manager', 'principal-social-worker'],
    },
    {
      activity: 'national-standards-audit',
      title: 'National professional standards audit',
      subjects: { kind: 'organisation' },
      lead: PSW,
      frequency: 1,
      window: Q3,
      form: { default: null },
      involves: ['team-manager', 'service-manager'],
    },
    {
      activity: 'health-check',
      title: 'Annual health check',
      subjects: { kind: 'organisation' },
      lead: PSW,
      frequency: 1,
      window: Q4,
      form: { default: null },
      involves: ['team-manager', 'service-manager'],
    },
    {
      activity: 'thematic-review',
      title: 'Thematic practice review',
      subjects: { kind: 'organisation' },
      lead: PSW,
      frequency: 4,
      window: WHOLE_YEAR,
      form: { default: null },
      involves: ['team-manager', 'service-manager'],
    },
  ],
};

/** The form for a subject with this role (`undefined` role: a team or the organisation). */
export function formFor(rule: AuditFormRule, role: StaffRole | undefined): AuditFormId | null {
  return (role !== undefined ? rule.byRole?.[role] : undefined) ?? rule.default;
}
