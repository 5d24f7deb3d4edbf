import type { InvitationReply } from '../../domain/framework/focusGroups';
import type { FocusGroupMessage, ReviewStageMessage } from '../../ports/messenger';
import { actionSet, adaptiveCard, container, formatDate, heading, text, type Element } from './elements';
import type { AdaptiveCard } from './types';

/**
 * The framework's cards in the bot: a focus group invitation (with "I'll come" and "I can't
 * come", which the facilitator sees as numbers of replies), the same card when it is
 * cancelled, and a thematic review's stage reminder to its review group. Schema 1.2, wrapped
 * text, `Action.Submit` only, as every card.
 */

export const FOCUS_GROUP_VERBS = {
  /** `focusGroupId`, `reply` (`coming` | `not-coming`): the presser's own reply. */
  reply: 'focusGroup.reply',
} as const;
export const FOCUS_GROUP_VERB_PREFIX = 'focusGroup.';

const REPLY_WORDS: Readonly<Record<InvitationReply, string>> = {
  coming: "You said you'll come. Thank you: the facilitator will expect you.",
  'not-coming': "You said you can't come. Thank you for letting the facilitator know.",
};

function details(group: FocusGroupMessage): Element[] {
  return [
    text(group.title, { weight: 'bolder', spacing: 'small' }),
    text(`Part of the ${group.purpose.toLowerCase()}.`, { spacing: 'small', isSubtle: true }),
    text(`When: ${formatDate(group.date)} at ${group.time}`, { spacing: 'small' }),
    text(`Where: ${group.place}`, { spacing: 'small' }),
    text(`Facilitator: ${group.facilitator}`, { spacing: 'small' }),
  ];
}

const button = (title: string, group: FocusGroupMessage, reply: InvitationReply, style?: 'positive'): Element => ({
  type: 'Action.Submit',
  title,
  data: { verb: FOCUS_GROUP_VERBS.reply, focusGroupId: group.id, reply },
  ...(style ? { style } : {}),
});

/**
 * The invitation. `reply`: what the person has said so far (after a press, the card is
 * updated to say it, with the other button to change their mind).
 */
export function focusGroupInvitationCard(group: FocusGroupMessage, reply?: InvitationReply): AdaptiveCard {
  const buttons =
    reply === undefined
      ? [button("I'll come", group, 'coming', 'positive'), button("I can't come", group, 'not-coming')]
      : [reply === 'coming' ? button("I can't come after all", group, 'not-coming') : button('I can come after all', group, 'coming')];
  const body: Element[] = [
    heading('Focus group invitation'),
    ...details(group),
    ...(group.themes.length > 0 ? [text(`It will talk about: ${group.themes.join('; ')}.`, { spacing: 'medium' })] : []),
    text('What is said is written up without names: nobody is named in the notes, and only the themes are reported.', { spacing: 'small', isSubtle: true }),
    ...(reply === undefined ? [] : [text(REPLY_WORDS[reply], { spacing: 'medium', weight: 'bolder', color: 'good' })]),
    actionSet(buttons),
  ];
  return adaptiveCard({ fallbackText: `Focus group invitation: ${group.title}, ${formatDate(group.date)} at ${group.time}.`, body });
}

export function focusGroupCancelledCard(group: FocusGroupMessage): AdaptiveCard {
  return adaptiveCard({
    fallbackText: `Focus group cancelled: ${group.title}, ${formatDate(group.date)}.`,
    body: [heading('Focus group cancelled'), ...details(group), text('This focus group will not take place. If it is arranged again, you will get a new invitation.', { spacing: 'medium' })],
  });
}

/** A stage of a thematic review coming up in a week, or due now, for the review group. */
export function reviewStageCard(stage: ReviewStageMessage): AdaptiveCard {
  const when = stage.when === 'coming' ? `is due on ${formatDate(stage.due)}, a week from now` : `is due ${formatDate(stage.due)}`;
  const title = stage.when === 'coming' ? 'Thematic review: a stage is coming up' : 'Thematic review: a stage is due';
  return adaptiveCard({
    fallbackText: `${title}. ${stage.theme}: stage ${stage.stageNumber}, ${stage.stageTitle}, ${when}.`,
    body: [
      heading(title),
      text(stage.theme, { weight: 'bolder', spacing: 'small' }),
      container(
        [
          text(`Stage ${stage.stageNumber} of 3: ${stage.stageTitle}`, { weight: 'bolder' }),
          text(`It ${when}.`, { spacing: 'small', ...(stage.when === 'due' ? { color: 'attention' as const } : {}) }),
        ],
        { spacing: 'medium' },
      ),
      text(`Scope: ${stage.scope}`, { spacing: 'medium', isSubtle: true }),
      text(`You are in the review group, led by ${stage.lead}. The review, its stages, findings and recommendations are on the Thematic reviews page of the Practice Health Check tab.`, {
        spacing: 'medium',
      }),
    ],
  });
}
