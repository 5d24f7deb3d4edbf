import type { CheckedActivity } from './endpoint';

/**
 * The activities the bot has taken a turn for lately, so one Teams delivers again is answered
 * without a second turn. Teams gives a bot 15 seconds to answer and then delivers the same
 * activity again (same id, same conversation), and may try once more after that: under a
 * council's Monday-morning burst a second "survey" would bring a second prompt card, and more
 * load just when the server has least to spare. Kept in memory, as the server is one process:
 * after a restart a delivery seen before it is taken again, and the flows read the stored state.
 */
export class Deliveries {
  /** Key → when it was first taken (ms), oldest first. */
  private readonly taken = new Map<string, number>();

  constructor(
    /** Long past Teams' retries (15 s, then another layer's about 30 s later). */
    private readonly keepMs = 10 * 60_000,
    /** A whole council's survey is about 21 activities a person: 1,500 people's in well under this. */
    private readonly most = 100_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Whether this is the first delivery of the activity (and remembers it if so). An activity
   * without an id cannot be told from another, and an invoke is answered in the response's
   * body, so neither is ever taken as a repeat.
   */
  first(activity: CheckedActivity): boolean {
    const key = keyOf(activity);
    if (key === undefined) return true;
    const now = this.now();
    this.forgetOld(now);
    if (this.taken.has(key)) return false;
    this.taken.set(key, now);
    return true;
  }

  /** The turn failed: a later delivery of the same activity is taken again, so nothing is lost. */
  forget(activity: CheckedActivity): void {
    const key = keyOf(activity);
    if (key !== undefined) this.taken.delete(key);
  }

  private forgetOld(now: number): void {
    for (const [key, at] of this.taken) {
      if (now - at < this.keepMs && this.taken.size < this.most) return;
      this.taken.delete(key);
    }
  }
}

function keyOf(activity: CheckedActivity): string | undefined {
  const id = activity.id;
  if (typeof id !== 'string' || id === '' || activity.type === 'invoke') return undefined;
  // Ids are the channel's, unique within a conversation.
  const conversation = (activity.conversation as { readonly id?: unknown } | undefined)?.id;
  return `${activity.channelId as string}\u0000${String(conversation)}\u0000${id}`;
}
