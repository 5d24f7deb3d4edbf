import { people } from './elements';

/** Sentences that must say the same thing on every card that makes the promise. */

export function anonymousAnswers(): string {
  return 'Your answers are anonymous. They are kept without your name, your Teams ID or the time you sent them.';
}

export function whoSeesTotals(threshold: number): string {
  return `Managers and the Principal Social Worker only see totals for groups of at least ${people(threshold)}.`;
}

export function whoSeesComments(textThreshold: number): string {
  return `Written comments are only shown for groups of at least ${people(textThreshold)}.`;
}

export const COMMANDS: readonly (readonly [command: string, what: string])[] = [
  ['survey', 'start the survey that is open, or carry on where you stopped'],
  ['status', 'see whether you have started or finished it'],
  ['supervision', 'supervisors: record a supervision session held, postponed or cancelled'],
  ['audits', 'auditors: see the audits you have to carry out, and fill them in'],
  ['39 steps', 'team managers: your team’s figures for the health check (the 39-steps return)'],
  ['help', 'see this help again'],
];
