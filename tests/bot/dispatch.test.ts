import { replyTo, type Flow } from '../../src/bot/dispatch';
import { messageCard } from '../../src/bot/cards/message';
import { asUserId } from '../../src/domain/shared/brand';
import { textOf } from './harness';

/** A flow that answers one command and one verb, and records what it was asked. */
function flow(command: string, verb: string, asked: string[]): Flow {
  return {
    onText: async (_user, text) => {
      asked.push(`${command}: text ${text}`);
      return text === command ? { card: messageCard(command, []), replace: false } : undefined;
    },
    onAction: async (_user, value) => {
      asked.push(`${command}: verb`);
      return (value as { verb?: unknown }).verb === verb ? { card: messageCard(verb, []), replace: true } : undefined;
    },
  };
}

describe("the bot's one dispatch over its list of flows", () => {
  const alex = asUserId('alex');

  it('gives typed text to each flow in turn until one answers, and asks no further', async () => {
    const asked: string[] = [];
    const reply = await replyTo([flow('supervision', 'supervision.log', asked), flow('audits', 'audit.open', asked), flow('status', 'survey.start', asked)], alex, { text: 'audits' });
    expect(textOf(reply.card)).toContain('audits');
    expect(asked).toEqual(['supervision: text audits', 'audits: text audits']);
  });

  it('gives a button press (a value) to the flows, never as text', async () => {
    const asked: string[] = [];
    const reply = await replyTo([flow('supervision', 'supervision.log', asked), flow('audits', 'audit.open', asked)], alex, { text: 'audits', value: { verb: 'audit.open' } });
    expect(reply.replace).toBe(true);
    expect(textOf(reply.card)).toContain('audit.open');
    expect(asked).toEqual(['supervision: verb', 'audits: verb']);
  });

  it('answers with the help card when no flow answers', async () => {
    const reply = await replyTo([flow('audits', 'audit.open', [])], alex, { text: 'hello' });
    expect(textOf(reply.card)).toMatch(/survey/);
  });
});
