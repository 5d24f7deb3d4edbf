import type { UserId } from '../domain/shared/brand';
import type { Cycle } from './stores';

/**
 * What the proactive sender asks the bot to deliver. Only what the message says, never who
 * has or has not answered: an invitation and a reminder read the same to everyone.
 */
export type OutgoingMessage =
  | { readonly kind: 'invitation'; readonly cycle: Cycle }
  | {
      readonly kind: 'reminder';
      readonly cycle: Cycle;
      /** Whole days from today (UK) to the closing date; 0 on the last day. */
      readonly daysLeft: number;
    }
  | {
      /** The cycle's results are published: everyone it asked is told they are out. */
      readonly kind: 'results';
      readonly cycle: Cycle;
    }
  | {
      /** A team manager's 39-steps return card for their team, when the cycle opens. */
      readonly kind: 'org-return';
      readonly cycle: Cycle;
      readonly team: { readonly id: string; readonly name: string };
    }
  | {
      /** Audit reminders: one digest per person per day, names already resolved. */
      readonly kind: 'audit-digest';
      readonly digest: AuditDigestMessage;
    }
  | {
      /** "You said, we did": the same update to every member of staff. */
      readonly kind: 'you-said-we-did';
      readonly update: YouSaidWeDidMessage;
    }
  | {
      /** A focus group invitation (Appendix 5), or word that one the person was invited to is cancelled. */
      readonly kind: 'focus-group';
      readonly change: 'invitation' | 'cancelled';
      readonly focusGroup: FocusGroupMessage;
    }
  | {
      /** A thematic review's stage coming up or due, to its review group. */
      readonly kind: 'review-stage';
      readonly stage: ReviewStageMessage;
    };

/** What a focus group invitation says: when, where, who facilitates, what it is for. Names here are the facilitator's only. */
export interface FocusGroupMessage {
  readonly id: string;
  readonly title: string;
  /** What it is part of, e.g. "Annual health check". */
  readonly purpose: string;
  readonly date: string;
  readonly time: string;
  readonly place: string;
  readonly facilitator: string;
  /** The themes it will discuss (Appendix 5's). */
  readonly themes: readonly string[];
}

/** What a stage reminder says to a review group member. */
export interface ReviewStageMessage {
  readonly reviewId: string;
  readonly theme: string;
  /** 1–3 and the framework's words, e.g. "Research, evaluate and investigate". */
  readonly stageNumber: number;
  readonly stageTitle: string;
  readonly due: string;
  readonly when: 'coming' | 'due';
  readonly lead: string;
  readonly scope: string;
}

/** What a "You said, we did" card says: the update, and the actions it reports on. */
export interface YouSaidWeDidMessage {
  readonly message: string;
  readonly actions: readonly { readonly what: string; readonly status: string; readonly due: string }[];
}

/** What an audit digest card lists: the person's own audits, so names are fine here. */
export interface AuditDigestMessage {
  readonly day: string;
  readonly items: readonly {
    readonly taskId: string;
    readonly activity: string;
    readonly subject: string;
    readonly due: string;
    /**
     * `before-due`, `due`, `overdue`, `escalation` (someone else's audit), `snooze-ended`; for
     * a notice about a sent audit, `your-part` (the person audited) or `sign-off` (the lead's
     * line manager), with `auditor` naming the lead.
     */
    readonly stage: string;
    /** For escalations: whose audit it is. */
    readonly auditor?: string;
    /** A staff supervision audit whose sample of supervision records is drawn and shown when it is opened. */
    readonly sampleReady?: boolean;
  }[];
}

/** A Bot Framework conversation reference as stored (JSON). */
export type ConversationReference = Readonly<Record<string, unknown>>;

/**
 * How one send ended, as far as the sender needs to know. `reason` is in plain words for
 * `phc outbox status` (never the person's name, never anything about their answers).
 *
 * - `sent`: Teams accepted the message.
 * - `throttled`: 429; try again no sooner than `retryAfterMs`.
 * - `retry`: a transient refusal (412, 500, 502, 503, 504, connection refused): nothing was
 *   delivered, back off and try again.
 * - `permanent`: will never work as it is (403, 404, 400…): do not try again.
 * - `in-doubt`: the request may have reached Teams (timeout, connection dropped mid-way).
 *   Teams cannot be asked and does not de-duplicate, so it is never resent.
 */
export type SendOutcome =
  | { readonly kind: 'sent' }
  | { readonly kind: 'throttled'; readonly retryAfterMs: number; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string }
  | { readonly kind: 'permanent'; readonly reason: string }
  | { readonly kind: 'in-doubt'; readonly reason: string };

export interface SendOptions {
  /**
   * Awaited at the last moment before the HTTP request leaves (after the SDK's own work),
   * so the sender's rate limit measures when requests really go out. May be called more
   * than once if the messenger makes more than one request.
   */
  readonly beforeRequest?: () => Promise<void>;
}

/** Sends one message into one person's 1:1 chat. Never throws: every failure is an outcome. */
export interface Messenger {
  send(message: OutgoingMessage, reference: ConversationReference, options?: SendOptions): Promise<SendOutcome>;
}

/**
 * How an install request ended. `requested`: the app is being installed; Teams will send a
 * `conversationUpdate` and the bot stores the conversation reference, which wakes the
 * person's waiting messages. `reachable`: the person already has the app (Teams sends no
 * `conversationUpdate` for that), and this is how to reach them now. `unavailable`: cannot
 * install here (no tenant, no permission).
 */
export type InstallOutcome =
  | { readonly kind: 'requested' }
  | { readonly kind: 'reachable'; readonly reference: ConversationReference }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Makes sure a person the bot has never talked to has the Teams app. In production: Microsoft
 * Graph's `installedApps` for the user (permission TeamsAppInstallation.ReadWriteSelfForUser.All),
 * which also finds the chat of someone who already has it. Never throws.
 */
export interface AppInstaller {
  install(userId: UserId): Promise<InstallOutcome>;
}

/** The local default: with no tenant there is nobody to install the app for. */
export const localAppInstaller: AppInstaller = {
  install: () =>
    Promise.resolve({
      kind: 'unavailable',
      reason: 'cannot install the app outside Teams: waiting for the person to open the bot',
    }),
};
