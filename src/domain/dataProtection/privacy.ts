import { describePeriod, type RetentionSchedule } from './retention';

/**
 * What staff are told about their data (UK GDPR Article 13, the right to be informed), in
 * layers: a few lines on the welcome card and in `help`, the whole in the tab's Privacy page
 * and the council's own notice behind a link. Filled from configuration (who the controller
 * is, how to reach the DPO, where the full notice is, the retention schedule in force); the
 * rest is what the app does, said once here so that the card, `help` and the tab agree.
 */
export interface PrivacySettings {
  /** Who decides what is done with the data: the council. */
  readonly controller: string | undefined;
  /** How to reach the council's Data Protection Officer. */
  readonly contact: string | undefined;
  /** The council's full privacy notice for the app. */
  readonly noticeUrl: string | undefined;
  readonly retention: RetentionSchedule;
  /** The smallest group results are shown for, and comments. */
  readonly threshold: number;
  readonly textThreshold: number;
}

export interface PrivacySection {
  readonly title: string;
  readonly lines: readonly string[];
}

export interface PrivacyNotice {
  /** The first layer: a few lines, for the welcome card and `help`. */
  readonly summary: readonly string[];
  /** The second layer: everything, for the tab. */
  readonly sections: readonly PrivacySection[];
  readonly noticeUrl: string | undefined;
}

/** The ICO's complaint route, as the ICO gives it. */
export const COMPLAINT_ROUTE =
  "If you are unhappy with how your data is used, tell the council's Data Protection Officer first. You can also complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, or 0303 123 1113.";

export function privacyNotice(s: PrivacySettings): PrivacyNotice {
  const controller = s.controller ?? 'The council you work for';
  const contact = s.contact ? `Contact its Data Protection Officer: ${s.contact}.` : "Ask the Principal Social Worker how to reach the council's Data Protection Officer.";
  const kept = (type: keyof RetentionSchedule): string => describePeriod(s.retention[type].period);
  return {
    summary: [
      `${controller} is responsible for the data this app keeps. ${contact}`,
      `Survey answers are kept without your name. The Principal Social Worker reads written comments word for word (only where at least ${s.textThreshold} people wrote one), so do not name yourself or anyone else in them.`,
      'Audits, supervision records, caseload figures and the action plan are named records about your work, seen by you, your managers and the Principal Social Worker.',
      'Type "privacy" here, or open the Privacy page in the tab, for what is kept, why, for how long and your rights.',
    ],
    sections: [
      { title: 'Who is responsible', lines: [`${controller} is the controller of the data this app keeps. ${contact}`] },
      {
        title: 'What is kept, and why',
        lines: [
          'Staff surveys (the Health Check and pulse surveys): to find out, across teams, what helps and what gets in the way of good practice, and to act on it.',
          "Practice audits (Appendices 1 to 4), staff supervision audits and the supervision log: to check and improve the quality of practice and supervision, as the council's quality assurance framework asks.",
          "Caseload figures and the teams' 39-steps returns: to see whether workloads are safe and fair.",
          'Focus groups (who facilitates, who was invited and their reply; the notes name nobody), thematic practice reviews (the lead and review group) and the self-assessments against the standards: the rest of the quality assurance framework.',
          'The action plan and "You said, we did": to show what was done about what staff said.',
          "The staff directory (name, role, team, manager, supervisor), from the council's Microsoft 365 directory: to send you surveys and reminders and to decide who may see what.",
        ],
      },
      {
        title: 'The lawful basis',
        lines: [
          "UK GDPR Article 6(1)(e): the council's tasks in the public interest as the employer of social care staff and the provider of adult social care (Care Act 2014), including the Standards for employers of social workers in England.",
          "Sickness figures in the 39-steps returns are team totals, shown only for teams large enough that no one's health can be worked out (Article 9(2)(b), employment).",
        ],
      },
      {
        title: 'Who sees what',
        lines: [
          `Survey results: totals only, for groups of at least ${s.threshold} people, and not where everyone in a group gave the same answer. Managers see their own teams; the Principal Social Worker and management team see all.`,
          `Written comments: read word for word by the Principal Social Worker and admins, shown only where at least ${s.textThreshold} people commented. Do not name yourself or anyone else: names, email addresses and case numbers are taken out before they are kept.`,
          'Named records (audits, supervision, caseloads, actions): you, your supervisor, your line managers and the Principal Social Worker. Every time someone reads or exports them, it is logged, and the Data Protection Officer can see that log.',
          'Focus groups, thematic reviews and self-assessments: the Principal Social Worker, admins and the management team, and a facilitator, lead or review group member their own. Who was invited to a focus group, and their reply: the Principal Social Worker, admins and the facilitator. Reads are logged too.',
          'Nobody, including the Principal Social Worker and IT, can see which survey answers are yours: they are kept without your name, your Teams ID or the time you sent them, and the key that recorded that you took part is destroyed when the survey closes.',
        ],
      },
      {
        title: 'How long it is kept',
        lines: [
          `Unsent survey drafts: deleted when the survey closes. Survey answers: ${kept('survey-answers')} after the survey closes (the published figures, which name nobody, are kept).`,
          `Audits: ${kept('audit-records')} after the council year they belong to. Supervision log: ${kept('supervision-log')}. Caseload figures: ${kept('caseloads')}. 39-steps returns and the action plan: ${kept('39-steps-returns')}.`,
          `Focus groups, thematic reviews and self-assessments: ${kept('quality-assurance')} after the council year they belong to.`,
          `Messages sent to you: ${kept('messages')}. The access log: ${kept('access-log')}.`,
          `When you leave: no more messages at once; after ${kept('leavers')}, your name and id are replaced by a pseudonym in anything still kept.`,
        ],
      },
      {
        title: 'Your rights',
        lines: [
          'You can ask for a copy of everything held about you (a subject access request): the Principal Social Worker or the Data Protection Officer can export it.',
          'You can ask for anything wrong to be corrected, for your data to be deleted or its use restricted, and you can object to its use. Survey answers cannot be found for you, because they are not linked to you.',
          COMPLAINT_ROUTE,
        ],
      },
    ],
    noticeUrl: s.noticeUrl,
  };
}
