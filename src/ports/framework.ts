import type { FocusGroup, FocusGroupInvitation, InvitationReply } from '../domain/framework/focusGroups';
import type { SelfAssessment } from '../domain/framework/selfAssessment';
import type { ThematicReview } from '../domain/framework/thematicReviews';
import type { IsoDate } from '../domain/shared/brand';

/**
 * The rest of the framework's records: focus groups with their invitations, thematic
 * reviews and the organisational self-assessments. Named records about practice, kept like
 * the audit records (and written to SharePoint the same way). Every change passes the
 * version read (optimistic concurrency: `conflict` when someone else changed it first).
 */
export interface FocusGroupStore {
  /** `already-exists` if the id is taken. */
  create(group: Omit<FocusGroup, 'version'>): Promise<FocusGroup>;
  get(id: string): Promise<FocusGroup | undefined>;
  /** A council year's focus groups, by day. */
  listYear(year: number): Promise<FocusGroup[]>;
  /** `conflict` unless the stored version is `expectedVersion`; `not-found` if it is gone. */
  update(group: Omit<FocusGroup, 'version'>, expectedVersion: number): Promise<FocusGroup>;
  invitations(focusGroupId: string): Promise<FocusGroupInvitation[]>;
  /**
   * Adds these people's invitations (anyone already invited is left as they are) and marks the
   * group `invited` on `sentOn`, in one write; returns the group and how many were new.
   */
  invite(focusGroupId: string, personIds: readonly string[], sentOn: IsoDate, expectedVersion: number): Promise<{ readonly group: FocusGroup; readonly added: number }>;
  /** Records an invited person's reply (the latest counts); undefined if they were not invited. */
  reply(focusGroupId: string, personId: string, reply: InvitationReply, on: IsoDate): Promise<FocusGroupInvitation | undefined>;
}

export interface ThematicReviewStore {
  /** `already-exists` if the year's slot is taken. */
  create(review: Omit<ThematicReview, 'version'>): Promise<ThematicReview>;
  get(id: string): Promise<ThematicReview | undefined>;
  /** A council year's reviews, by slot. */
  listYear(year: number): Promise<ThematicReview[]>;
  update(review: Omit<ThematicReview, 'version'>, expectedVersion: number): Promise<ThematicReview>;
}

export interface SelfAssessmentStore {
  /** `already-exists` if there is one of this kind for the year. */
  create(assessment: Omit<SelfAssessment, 'version'>): Promise<SelfAssessment>;
  get(id: string): Promise<SelfAssessment | undefined>;
  listYear(year: number): Promise<SelfAssessment[]>;
  update(assessment: Omit<SelfAssessment, 'version'>, expectedVersion: number): Promise<SelfAssessment>;
}

export interface FrameworkStores {
  readonly focusGroups: FocusGroupStore;
  readonly reviews: ThematicReviewStore;
  readonly selfAssessments: SelfAssessmentStore;
}
