import { people } from './elements';

/** Sentences that must say the same thing on every card that makes the promise. */

export function anonymousAnswers(): string {
  return 'Your answers are anonymous. They are kept without your name, your Teams ID or the time you sent them.';
}

export function whoSeesTotals(threshold: number): string {
  return `Managers and the Principal Social Worker only see totals for groups of at least ${people(threshold)}.`;
}

export function whoSeesComments(textThreshold: number): string {
  return `The Principal Social Worker reads written comments word for word, only where at least ${people(textThreshold)} wrote one: do not name yourself or anyone else in them.`;
}

/** A text command and what it does, as `help` lists it. */
export type Command = readonly [command: string, what: string];

/** What everyone can type. */
export const SURVEY_COMMANDS: readonly Command[] = [
  ['survey', 'start the survey that is open, or carry on where you stopped'],
  ['status', 'see whether you have started or finished it'],
];
export const HELP_COMMAND: Command = ['help', 'see this help again'];
export const PRIVACY_COMMAND: Command = ['privacy', 'what is kept about you, why, for how long, and your rights'];

/** What only some people can type; `help` lists each to those it is for. */
export const SUPERVISION_COMMAND: Command = ['supervision', 'record a supervision session held, postponed or cancelled'];
export const AUDITS_COMMAND: Command = ['audits', 'see the audits you have to carry out or sign off, and fill them in'];
export const ORG_RETURN_COMMAND: Command = ['39 steps', 'your team’s figures for the health check (the 39-steps return)'];
