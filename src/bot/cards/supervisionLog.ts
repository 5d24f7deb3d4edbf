import { adaptiveCard, formatDate, heading, labelled, text, type Element } from './elements';
import { SUPERVISION_INPUTS, SUPERVISION_VERBS } from './supervisionVerbs';
import type { AdaptiveCard } from './types';

export interface SupervisionLogCardInput {
  /** The supervisor's supervisees, in the order to show them. */
  readonly supervisees: readonly { readonly id: string; readonly name: string }[];
  /** YYYY-MM-DD: the latest day that can be recorded (and the default). */
  readonly today: string;
  /** YYYY-MM-DD: the earliest day that can be recorded. */
  readonly earliest: string;
  /** What was chosen, when the card is shown again after a refusal. */
  readonly values?: { readonly supervisee?: string; readonly date?: string; readonly outcome?: string };
  /** Why the last attempt was refused, in plain words. */
  readonly error?: string;
}

const OUTCOMES = [
  { title: 'Held', value: 'held' },
  { title: 'Postponed', value: 'postponed' },
  { title: 'Cancelled', value: 'cancelled' },
] as const;

/** The quick card a supervisor records a supervision session with. Schema 1.2, each input's words shown once on every host. */
export function supervisionLogCard(input: SupervisionLogCardInput): AdaptiveCard {
  const values = input.values ?? {};
  const body: Element[] = [
    heading('Record a supervision'),
    text(`Who, when, and whether it was held. Any day from ${formatDate(input.earliest)} to today can be recorded; recording the same day again replaces the outcome.`, { spacing: 'small' }),
  ];
  if (input.error) body.push(text(input.error, { color: 'attention', weight: 'bolder' }));
  body.push(
    labelled(
      {
        type: 'Input.ChoiceSet',
        id: SUPERVISION_INPUTS.supervisee,
        style: 'compact',
        wrap: true,
        placeholder: 'Choose a person',
        choices: input.supervisees.map((s) => ({ title: s.name, value: s.id })),
        ...(values.supervisee ? { value: values.supervisee } : input.supervisees.length === 1 && input.supervisees[0] ? { value: input.supervisees[0].id } : {}),
      },
      'Supervisee',
    ),
    labelled({ type: 'Input.Date', id: SUPERVISION_INPUTS.date, min: input.earliest, max: input.today, value: values.date ?? input.today }, 'Date of the supervision (or the day it was due)'),
    labelled({ type: 'Input.ChoiceSet', id: SUPERVISION_INPUTS.outcome, style: 'expanded', wrap: true, value: values.outcome ?? 'held', choices: OUTCOMES.map((o) => ({ ...o })) }, 'Outcome'),
  );
  return adaptiveCard({
    fallbackText: 'Record a supervision: choose the supervisee, the date and whether it was held, postponed or cancelled.',
    body,
    actions: [{ type: 'Action.Submit', title: 'Record', style: 'positive', data: { verb: SUPERVISION_VERBS.log } }],
  });
}
