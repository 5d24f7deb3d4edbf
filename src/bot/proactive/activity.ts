import type { Activity } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { OutgoingMessage } from '../../ports/messenger';
import { auditDigestCard } from '../cards/auditDigest';
import { youSaidWeDidCard } from '../cards/youSaidWeDid';
import { orgDataReturnCard } from '../cards/orgDataReturn';
import { focusGroupCancelledCard, focusGroupInvitationCard, reviewStageCard } from '../cards/framework';
import { resultsOutCard } from '../cards/surveys';
import { promptCard, reminderCard, type AdaptiveCard, type CycleSummary } from '../cards';

/**
 * What each kind of proactive message says: the invitation is the prompt card, a reminder
 * the reminder card. Both read the same to everyone (a reminder never says whether the app
 * thinks the person has answered). `summary` is what Teams shows in the notification.
 */
export function proactiveActivity(message: OutgoingMessage, minutes: number): Partial<Activity> {
  if (message.kind === 'you-said-we-did') {
    const card = youSaidWeDidCard(message.update);
    return { type: 'message', summary: String(card.fallbackText), attachments: [CardFactory.adaptiveCard(card)] };
  }
  if (message.kind === 'org-return') {
    const card = orgDataReturnCard({ teamName: message.team.name, cycleTitle: message.cycle.title, cycleId: message.cycle.id, teamId: message.team.id });
    return { type: 'message', summary: `39 steps: ${message.team.name}, your team's figures for ${message.cycle.title}`, attachments: [CardFactory.adaptiveCard(card)] };
  }
  if (message.kind === 'focus-group') {
    const card = message.change === 'invitation' ? focusGroupInvitationCard(message.focusGroup) : focusGroupCancelledCard(message.focusGroup);
    return { type: 'message', summary: String(card.fallbackText), attachments: [CardFactory.adaptiveCard(card)] };
  }
  if (message.kind === 'review-stage') {
    const card = reviewStageCard(message.stage);
    return { type: 'message', summary: String(card.fallbackText), attachments: [CardFactory.adaptiveCard(card)] };
  }
  if (message.kind === 'results') {
    const card = resultsOutCard(message.cycle);
    return { type: 'message', summary: String(card.fallbackText), attachments: [CardFactory.adaptiveCard(card)] };
  }
  if (message.kind === 'audit-digest') {
    const digest = auditDigestCard(message.digest);
    return { type: 'message', summary: String(digest.fallbackText), attachments: [CardFactory.adaptiveCard(digest)] };
  }
  const cycle: CycleSummary = {
    id: message.cycle.id,
    title: message.cycle.title,
    closesOn: message.cycle.closesOn,
    threshold: message.cycle.threshold,
    textThreshold: message.cycle.textThreshold,
  };
  const card: AdaptiveCard = message.kind === 'invitation' ? promptCard({ cycle, minutes }) : reminderCard({ cycle, minutes, daysLeft: message.daysLeft });
  const summary = typeof card.fallbackText === 'string' ? card.fallbackText : cycle.title;
  return { type: 'message', summary, attachments: [CardFactory.adaptiveCard(card)] };
}
