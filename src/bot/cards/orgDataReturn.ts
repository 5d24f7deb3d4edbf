import { ORG_MEASURES, SECTION_TITLES, type OrgMeasures } from '../../domain/orgData/measures';
import { adaptiveCard, heading, labelled, text, type Element } from './elements';
import type { AdaptiveCard } from './types';

/**
 * A team manager's 39-steps return as a card, sent when the health check opens.
 * Schema 1.2, each figure's words shown once on every host, `Action.Submit` only, so it works on Teams mobile. Pure: the bot
 * sends it and hands what comes back to `OrgDataService.submit`, which checks every figure.
 */
export const ORG_RETURN_VERB = 'orgData.submit';
/** Inputs are `o.<measure id>`, so they can never collide with `verb` or the survey's inputs. */
export const ORG_RETURN_INPUT_PREFIX = 'o.';

export interface OrgDataReturnCardInput {
  readonly teamName: string;
  readonly cycleTitle: string;
  /** Carried in the button's data, so the return goes to the cycle and team the card was sent for. */
  readonly cycleId?: string;
  readonly teamId?: string;
  /** Figures already returned (or refused), shown again so nothing typed is lost. */
  readonly values?: OrgMeasures | Readonly<Record<string, unknown>>;
  /** Why the last return was refused, one line per figure, in plain words. */
  readonly problems?: readonly string[];
  /** A line above the figures: that they were saved, or replaced what was sent before. */
  readonly notice?: string;
}

function input(id: string, values: Readonly<Record<string, unknown>>): Element {
  const measure = ORG_MEASURES.find((m) => m.id === id)!;
  const label = `${measure.step}. ${measure.label}${measure.required ? '' : ' (if known)'}`;
  const value = values[id];
  if (measure.kind === 'yes-no') {
    return labelled(
      {
        type: 'Input.ChoiceSet',
        id: `${ORG_RETURN_INPUT_PREFIX}${id}`,
        style: 'expanded',
        choices: [
          { title: 'Yes', value: 'yes' },
          { title: 'No', value: 'no' },
        ],
        ...(value === true || value === 'yes' ? { value: 'yes' } : value === false || value === 'no' ? { value: 'no' } : {}),
      },
      label,
    );
  }
  const max = measure.kind === 'percent' ? 100 : measure.kind === 'fte' ? 500 : measure.max;
  return labelled(
    {
      type: 'Input.Number',
      id: `${ORG_RETURN_INPUT_PREFIX}${id}`,
      placeholder: measure.hint || undefined,
      min: 0,
      ...(max === undefined ? {} : { max }),
      ...(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) ? { value: Number(value) } : {}),
    },
    label,
  );
}

export function orgDataReturnCard(card: OrgDataReturnCardInput): AdaptiveCard {
  const values = (card.values ?? {}) as Readonly<Record<string, unknown>>;
  const body: Element[] = [
    heading(`39 steps: ${card.teamName}`),
    text(`Your team's figures for ${card.cycleTitle}, from management reports or workforce data. Give them as on one count day; sending again replaces what you sent before.`, { spacing: 'small' }),
  ];
  if (card.notice) body.push(text(card.notice, { color: 'good', weight: 'bolder' }));
  if (card.problems && card.problems.length > 0) {
    body.push(text('Nothing was saved. Please check:', { color: 'attention', weight: 'bolder' }), ...card.problems.map((p) => text(`• ${p}`, { color: 'attention', spacing: 'none' })));
  }
  for (const section of [1, 2, 4] as const) {
    body.push(text(SECTION_TITLES[section], { weight: 'bolder', spacing: 'large' }));
    for (const m of ORG_MEASURES.filter((x) => x.section === section)) body.push(input(m.id, values));
  }
  return adaptiveCard({
    fallbackText: `39 steps: ${card.teamName}. Please open this in Teams on a computer or phone to give your team's figures.`,
    body,
    actions: [
      {
        type: 'Action.Submit',
        title: 'Send the return',
        style: 'positive',
        data: { verb: ORG_RETURN_VERB, ...(card.cycleId ? { cycleId: card.cycleId } : {}), ...(card.teamId ? { teamId: card.teamId } : {}) },
      },
    ],
  });
}

/** The figures from a submitted card, keyed by measure id, for `OrgDataService.submit`. Blank inputs are left out. */
export function orgDataReturnFromCard(data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (!key.startsWith(ORG_RETURN_INPUT_PREFIX)) continue;
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    out[key.slice(ORG_RETURN_INPUT_PREFIX.length)] = value;
  }
  return out;
}
