import { TestAdapter, type Activity } from 'botbuilder';
import type { App, FrameworkServices } from '../../src/app/app';
import type { AuditTask } from '../../src/domain/audit/plan/task';
import { asIsoDate } from '../../src/domain/shared/brand';
import type { AuditRecordStore } from '../../src/ports/auditRecords';
import type { AuditTaskStore } from '../../src/ports/audits';
import type { Directory } from '../../src/ports/directory';
import type { SupervisionLogStore } from '../../src/ports/supervisionLog';
import type { ConversationStore } from '../../src/ports/conversations';
import { TestClock } from '../fixtures/testClock';
import { composeInMemory } from '../support/composed';

type Card = Record<string, unknown>;

/** Every string a card shows, in order (TextBlocks, choice titles, action titles, labels). */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'label', 'placeholder']) if (typeof o[key] === 'string') out.push(o[key] as string);
      for (const [k, v] of Object.entries(o)) if (k !== 'data' && typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n');
}

/** The Action.Submit buttons of a card: title and data. */
export function buttonsOf(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const found: { title: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit') found.push({ title: String(o.title), data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

export { inputIdsOf } from '../fixtures/cardAnswers';

export interface BotHarness {
  readonly app: App;
  readonly conversations: ConversationStore;
  readonly clock: TestClock;
  /** The supervision log the bot records into (used when a directory is given). */
  readonly supervisionLog: SupervisionLogStore;
  /** The audit stores the bot's audit flow uses (used when a directory is given). */
  readonly audits: AuditTaskStore;
  readonly auditRecords: AuditRecordStore;
  /** Focus groups, thematic reviews and self-assessments, over the same stores. */
  readonly framework: FrameworkServices;
  /** A person types something; returns the card the bot sent or updated. */
  say(userId: string, text: string): Promise<Card>;
  /** A person presses a card button with these inputs; returns the card sent or updated. */
  press(userId: string, button: { data: Record<string, unknown> }, inputs?: Record<string, unknown>): Promise<{ card: Card; updated: boolean }>;
  /** A conversationUpdate as Teams sends when the app is installed for a person. */
  install(userId: string): Promise<Card>;
  close(): Promise<void>;
}

/**
 * The real bot, as the server builds it (src/composition), on a real TurnContext (botbuilder's
 * TestAdapter), over in-memory SQLite. `directory`: the organisation the bot knows (default:
 * nobody); `auditTasks`: a plan already made.
 */
export async function botHarness(now = '2027-01-11T10:00:00Z', options: { readonly directory?: Directory; readonly auditTasks?: readonly AuditTask[] } = {}): Promise<BotHarness> {
  const clock = new TestClock(new Date(now));
  const phc = await composeInMemory({ clock, ...(options.directory ? { directory: options.directory } : {}) }, { PHC_DEMO: 'off' });
  const { app } = phc;
  const { operational, supervisionLog, audits, auditRecords } = phc.stores;
  if (options.auditTasks) {
    for (const year of new Set(options.auditTasks.map((t) => t.year))) {
      await audits.putPlan(
        year,
        options.auditTasks.filter((t) => t.year === year),
        { seed: 1, rulesHash: 'test', plannedOn: asIsoDate(now.slice(0, 10)) },
      );
    }
  }
  const bot = phc.teams.bot;
  const adapter = new TestAdapter(async (context) => bot.run(context));
  // What each turn sent or updated, by the incoming activity's id, so that two turns running
  // at once (a double click) each get their own reply.
  const sentBy = new Map<string, Partial<Activity>[]>();
  const updatedBy = new Map<string, Partial<Activity>[]>();
  const record = (into: Map<string, Partial<Activity>[]>, turnId: string | undefined, activity: Partial<Activity>) => {
    const list = into.get(turnId ?? '') ?? [];
    list.push(activity);
    into.set(turnId ?? '', list);
  };
  adapter.updateActivity = async (context, activity) => {
    record(updatedBy, context.activity.id, activity);
    return { id: activity.id ?? '' };
  };
  const sendActivities = adapter.sendActivities.bind(adapter);
  adapter.sendActivities = async (context, activities) => {
    for (const activity of activities) if (activity.type !== 'delay' && activity.type !== 'invokeResponse') record(sentBy, context.activity.id, activity);
    return sendActivities(context, activities);
  };
  let counter = 0;

  const cardOf = (activity: Partial<Activity> | undefined): Card => {
    const content = activity?.attachments?.[0]?.content as Card | undefined;
    if (!content) throw new Error(`The bot sent no card: ${JSON.stringify(activity)}`);
    return content;
  };
  const from = (userId: string) => ({ id: `29:${userId}`, aadObjectId: userId, name: userId });
  const conversation = (userId: string) => ({ id: `a:${userId}`, conversationType: 'personal', isGroup: false, name: '' });

  async function turn(activity: Partial<Activity>): Promise<{ card: Card; updated: boolean }> {
    counter += 1;
    const id = `turn-${counter}`;
    await adapter.processActivity({ ...activity, id });
    adapter.activeQueue.length = 0;
    const updates = updatedBy.get(id) ?? [];
    const sent = sentBy.get(id) ?? [];
    updatedBy.delete(id);
    sentBy.delete(id);
    if (updates.length > 0) return { card: cardOf(updates[updates.length - 1]), updated: true };
    return { card: cardOf(sent[sent.length - 1]), updated: false };
  }

  return {
    app,
    conversations: operational.conversations,
    clock,
    supervisionLog,
    audits,
    auditRecords,
    framework: phc.services.framework,
    async say(userId, text) {
      return (await turn({ type: 'message', text, from: from(userId), conversation: conversation(userId), channelId: 'msteams' })).card;
    },
    async press(userId, button, inputs = {}) {
      return turn({ type: 'message', value: { ...button.data, ...inputs }, replyToId: `card-${counter + 1}`, from: from(userId), conversation: conversation(userId), channelId: 'msteams' });
    },
    async install(userId) {
      return (
        await turn({
          type: 'conversationUpdate',
          membersAdded: [{ id: `29:${userId}`, aadObjectId: userId, name: userId }],
          from: from(userId),
          conversation: conversation(userId),
          recipient: { id: '28:bot', name: 'Health Check' },
          channelId: 'msteams',
        })
      ).card;
    },
    close: () => app.close(),
  };
}

/** The pre-filled value of one input (undefined when the input is absent or empty). */
export function inputValue(card: unknown, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) found = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
