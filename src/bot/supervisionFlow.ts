import { UserFacingError } from '../app/errors';
import type { SupervisionLogService } from '../app/supervisionLog';
import type { UserId } from '../domain/shared/brand';
import { formatDate } from './cards/elements';
import { messageCard } from './cards/message';
import { supervisionLogCard } from './cards/supervisionLog';
import { SUPERVISION_INPUTS, SUPERVISION_VERB_PREFIX, SUPERVISION_VERBS } from './cards/supervisionVerbs';
import { SUPERVISION_COMMAND, type Command } from './cards/wording';
import type { HelpSource, Reply } from './flow';

const field = (data: Record<string, unknown>, key: string): string => (typeof data[key] === 'string' ? (data[key] as string) : '');

/**
 * The supervision log in the bot: the text command `supervision` shows the quick card to a
 * supervisor; its `supervision.log` button records the session. Returns `undefined` for
 * anything that is not about supervision, so the survey flow handles it. The supervisor is
 * the person Teams says is talking, never someone named on the card.
 */
export class SupervisionFlow implements HelpSource {
  constructor(private readonly service: SupervisionLogService) {}

  /** `supervision` for those the directory lists as supervising someone. */
  async helpFor(userId: UserId): Promise<readonly Command[]> {
    return (await this.service.superviseesOf(userId)).length > 0 ? [SUPERVISION_COMMAND] : [];
  }

  async onText(userId: UserId, raw: string): Promise<Reply | undefined> {
    const text = raw
      .trim()
      .toLowerCase()
      .replace(/[^a-z ]/g, '');
    if (text !== 'supervision') return undefined;
    return this.card(userId, { replace: false });
  }

  async onAction(userId: UserId, value: unknown): Promise<Reply | undefined> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const data = value as Record<string, unknown>;
    if (typeof data.verb !== 'string' || !data.verb.startsWith(SUPERVISION_VERB_PREFIX)) return undefined;
    if (data.verb !== SUPERVISION_VERBS.log) return { card: messageCard('I could not use that', ['That button is not one I know. Type "supervision" to get a fresh card.']), replace: false };
    const values = { supervisee: field(data, SUPERVISION_INPUTS.supervisee), date: field(data, SUPERVISION_INPUTS.date), outcome: field(data, SUPERVISION_INPUTS.outcome) };
    try {
      const { record, replaced: previous, superviseeName } = await this.service.record({ supervisorId: userId, superviseeId: values.supervisee, date: values.date, outcome: values.outcome });
      const when = formatDate(record.date);
      // The same outcome recorded again (a double click, a retry) changes nothing: the first card again.
      const replaced = previous === record.outcome ? undefined : previous;
      return {
        card: messageCard(replaced === undefined ? 'Supervision recorded' : 'Supervision updated', [
          replaced === undefined
            ? `Supervision with ${superviseeName} on ${when}: ${record.outcome}.`
            : `Supervision with ${superviseeName} on ${when} is now ${record.outcome} (it was ${replaced}). It still counts once.`,
          'Type "supervision" to record another.',
        ]),
        replace: true,
      };
    } catch (error) {
      if (error instanceof UserFacingError) return this.card(userId, { replace: true, error: error.message, values });
      throw error;
    }
  }

  private async card(userId: UserId, options: { replace: boolean; error?: string; values?: { supervisee: string; date: string; outcome: string } }): Promise<Reply> {
    const supervisees = await this.service.superviseesOf(userId);
    if (supervisees.length === 0) {
      return {
        card: messageCard('You have no supervisees', [
          'The directory does not list anyone you supervise, so there is no supervision to record. If that is wrong, ask for the directory to be updated.',
        ]),
        replace: false,
      };
    }
    const values = options.values && {
      ...(options.values.supervisee ? { supervisee: options.values.supervisee } : {}),
      ...(options.values.date ? { date: options.values.date } : {}),
      ...(options.values.outcome ? { outcome: options.values.outcome } : {}),
    };
    return {
      card: supervisionLogCard({
        supervisees: supervisees.map((p) => ({ id: p.id, name: p.displayName })),
        today: this.service.today(),
        earliest: this.service.earliest(),
        ...(values ? { values } : {}),
        ...(options.error ? { error: options.error } : {}),
      }),
      replace: options.replace,
    };
  }
}
