import type { IsoDate } from '../shared/brand';

/**
 * The action plan: what the council will do about the Health Check and the audits, who owns
 * it, by when, and how far it has got. Actions are named records (an owner), never linked to
 * a survey response: a link to a question is to the question, not to anyone's answer.
 */

export type ActionStatus = 'not-started' | 'in-progress' | 'done' | 'dropped';
export const ACTION_STATUSES: readonly ActionStatus[] = ['not-started', 'in-progress', 'done', 'dropped'];
export const STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export type ActionLink = { readonly kind: 'question'; readonly questionId: string; readonly cycleId?: string } | { readonly kind: 'audit'; readonly auditId: string } | { readonly kind: 'none' };

/** What a person gives for an action (all checked by `checkAction`). */
export interface ActionFields {
  readonly what: string;
  readonly ownerId: string;
  readonly due: IsoDate;
  readonly status: ActionStatus;
  readonly link: ActionLink;
  readonly progress: string;
}

export interface Action extends ActionFields {
  /** e.g. `act-7f3a…`: random, carries nothing. */
  readonly id: string;
  readonly createdBy: string;
  readonly createdOn: IsoDate;
  readonly updatedOn: IsoDate;
  /** 1 when created, +1 on every change (optimistic concurrency). */
  readonly version: number;
}

/** A "You said, we did" update sent to staff through the bot. */
export interface YouSaidWeDid {
  readonly id: string;
  readonly message: string;
  readonly actionIds: readonly string[];
  readonly sentBy: string;
  readonly sentOn: IsoDate;
}

export const ACTION_LIMITS = { what: 500, progress: 2000, message: 2000, actions: 20 } as const;
