/**
 * Checks the Agents Playground driver (tests/support/playground.ts) against the real
 * playground CLI and a tiny echo bot (tests/support/echoBot.ts). Everything is on 127.0.0.1.
 */
import { ADAPTIVE_CARD, DEFAULT_PEOPLE, cardSubmitValue, startPlayground, startPlaygrounds, type Playground } from '../support/playground';
import { CARD_SUBMIT_DATA, startEchoBot, type EchoBot } from '../support/echoBot';

jest.setTimeout(60_000);

describe('Agents Playground driver (real playground + echo bot)', () => {
  let bot: EchoBot;
  let pg: Playground;
  let startupMs = 0;

  beforeAll(async () => {
    bot = await startEchoBot();
    const t0 = Date.now();
    pg = await startPlayground({ botEndpoint: bot.endpoint });
    startupMs = Date.now() - t0;
  });

  afterAll(async () => {
    await pg?.stop();
    await bot?.stop();
  });

  it('starts quickly on a free port and sends nothing to the bot by itself', async () => {
    expect(pg.port).toBeGreaterThan(0);
    expect(startupMs).toBeLessThan(15_000);
    console.log(`playground ready in ${startupMs} ms on port ${pg.port}`);
    expect(pg.user).toMatchObject({ id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020' });
    expect(pg.serviceUrl).toBe(`http://localhost:${pg.port}/_connector`);
    await new Promise((r) => setTimeout(r, 700));
    // No conversationUpdate / installationUpdate at start when no browser opens the UI.
    expect(bot.received).toEqual([]);
    expect(pg.events).toEqual([]);
  });

  it('install() sends installationUpdate and conversationUpdate(membersAdded) as the web UI does', async () => {
    await pg.install();
    const replies = await pg.nextActivities(2);
    expect(replies.map((r) => r.text).sort()).toEqual(['installed: add', `welcome: ${pg.user.id},${pg.botAccount.id}`]);
    const update = bot.received.find((a) => a.type === 'conversationUpdate');
    expect(update).toMatchObject({
      membersAdded: [{ id: pg.user.id, aadObjectId: pg.user.aadObjectId }, { id: pg.botAccount.id }],
      from: { id: pg.user.id, aadObjectId: pg.user.aadObjectId },
      conversation: { id: pg.conversationId, conversationType: 'personal', tenantId: pg.tenantId },
      recipient: { id: pg.botAccount.id, name: pg.botAccount.name },
      serviceUrl: pg.serviceUrl,
      channelId: 'msteams',
    });
    expect(bot.received.find((a) => a.type === 'installationUpdate')).toMatchObject({ action: 'add', conversation: { id: pg.conversationId } });
  });

  it('round-trips a text message', async () => {
    const messageId = await pg.send('hello there');
    expect(messageId).toMatch(/^\d+/);
    const reply = await pg.waitFor((e) => e.kind === 'message' && e.text === 'echo: hello there');
    expect(reply).toMatchObject({ conversationId: pg.conversationId, from: { id: pg.botAccount.id } });
    const incoming = bot.received.find((a) => a.type === 'message' && a.text === 'hello there');
    expect(incoming).toMatchObject({
      from: { id: pg.user.id, name: pg.user.name, aadObjectId: pg.user.aadObjectId },
      conversation: { id: pg.conversationId, conversationType: 'personal', tenantId: pg.tenantId },
      channelData: { tenant: { id: pg.tenantId } },
      serviceUrl: pg.serviceUrl,
      textFormat: 'plain',
    });
    // The bot's outgoing activity, as the connector received it (inspector log stream).
    const out = await pg.waitForTraffic((t) => t.direction === 'from-bot' && t.activity.text === 'echo: hello there');
    expect(out).toMatchObject({ status: 201, messageId: reply.messageId, conversationId: pg.conversationId });
  });

  it('round-trips an Adaptive Card Action.Submit and updates the card in place', async () => {
    await pg.send('card');
    const card = await pg.waitFor((e) => e.kind === 'message' && e.attachments.some((a) => a.contentType === ADAPTIVE_CARD));

    const value = await pg.submitCard(card, { inputs: { name: 'Ann', rating: '2' } });
    expect(value).toEqual({ ...CARD_SUBMIT_DATA, name: 'Ann', rating: '2' });

    const echoed = await pg.waitFor((e) => e.kind === 'message' && (e.text ?? '').startsWith('value: '));
    expect(JSON.parse((echoed.text ?? '').slice('value: '.length))).toEqual({ verb: 'answer', question: 'q1', name: 'Ann', rating: '2' });
    const submitted = bot.received.find((a) => a.type === 'message' && a.value !== undefined);
    expect(submitted).toMatchObject({
      replyToId: card.messageId,
      value: { verb: 'answer', question: 'q1', name: 'Ann', rating: '2' },
      from: { id: pg.user.id, aadObjectId: pg.user.aadObjectId },
      conversation: { id: pg.conversationId },
      channelData: { source: { name: 'message' } },
    });
    expect(submitted?.text).toBeUndefined();

    // updateActivity: the same messageId comes back as an "update" with the new card.
    const updated = await pg.waitFor((e) => e.kind === 'update' && e.messageId === card.messageId);
    expect(JSON.stringify(updated.attachments[0]?.content)).toContain('Thanks, received');
    await pg.waitFor((e) => e.text === 'update: ok');
    expect(pg.latest(card.messageId as string)?.kind).toBe('update');
    const put = await pg.waitForTraffic((t) => t.update && t.messageId === card.messageId);
    expect(put).toMatchObject({ direction: 'from-bot', status: 200, activity: { id: card.messageId, type: 'message' } });
    // The card's creation is the other from-bot entry with that id (201, no activity.id).
    expect(pg.traffic.find((t) => t.direction === 'from-bot' && !t.update && t.messageId === card.messageId)?.status).toBe(201);
  });

  it('submit() defaults replyToId to the latest card and rejects an unknown replyToId', async () => {
    await pg.submit({ verb: 'answer', question: 'q2' });
    await pg.waitFor((e) => e.text === 'value: {"verb":"answer","question":"q2"}');
    await expect(pg.submit({ x: 1 }, 'no-such-message')).rejects.toThrow(/400.*ActivityNotFoundInConversation/);
    // Only the current user is in the personal chat.
    await expect(pg.submit({ x: 1 }, undefined, { fromId: 'user-id-1' })).rejects.toThrow(/400.*UserNotFound/);
    await pg.settle();
  });

  it('computes the submit value like the Teams client', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Text', id: 'comment', value: 'preset' },
        { type: 'Container', items: [{ type: 'Input.Toggle', id: 'agree', title: 'Agree' }] },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Input.ChoiceSet', id: 'score', choices: [] }] }] },
        { type: 'ActionSet', actions: [{ type: 'Action.Submit', title: 'Skip', data: { verb: 'skip' }, associatedInputs: 'none' }] },
      ],
      actions: [{ type: 'Action.Submit', title: 'Next', data: { verb: 'next', msteams: { type: 'messageBack' } } }],
    };
    expect(cardSubmitValue(card, { action: 'Next' })).toEqual({ verb: 'next', msteams: { type: 'messageBack' }, comment: 'preset', agree: 'false' });
    expect(cardSubmitValue(card, { action: 'Next', inputs: { score: 3, agree: true, comment: '' } })).toEqual({ verb: 'next', msteams: { type: 'messageBack' }, agree: 'true', score: '3' });
    expect(cardSubmitValue(card, { action: 'Skip', inputs: { score: '1' } })).toEqual({ verb: 'skip' });
    expect(() => cardSubmitValue(card)).toThrow(/2 Action.Submit/);
    expect(() => cardSubmitValue(card, { action: 'Next', inputs: { nope: '1' } })).toThrow(/no input "nope"/);
  });

  it('runs several people at once, one playground each, against the same bot', async () => {
    const t0 = Date.now();
    const people = await startPlaygrounds({ botEndpoint: bot.endpoint, currentUsers: ['user-id-1', 'user-id-2'] });
    try {
      console.log(`2 more playgrounds ready in ${Date.now() - t0} ms`);
      const [megan, adele] = people as [Playground, Playground];
      expect(megan.user).toMatchObject(DEFAULT_PEOPLE[1] as object);
      expect(adele.user.id).toBe('user-id-2');
      expect(new Set([pg.conversationId, megan.conversationId, adele.conversationId]).size).toBe(3);
      expect(megan.serviceUrl).not.toBe(adele.serviceUrl);
      expect(megan.tenantId).toBe(pg.tenantId);

      await Promise.all([megan.send('from megan'), adele.send('from adele')]);
      await megan.waitFor((e) => e.text === 'echo: from megan');
      await adele.waitFor((e) => e.text === 'echo: from adele');
      // Each reply only reaches its own person's playground.
      expect(megan.events.some((e) => e.text === 'echo: from adele')).toBe(false);
      expect(adele.events.some((e) => e.text === 'echo: from megan')).toBe(false);
      expect(bot.received.find((a) => a.text === 'from megan')).toMatchObject({
        from: { id: 'user-id-1', aadObjectId: DEFAULT_PEOPLE[1]?.aadObjectId, name: 'Megan Bowen' },
        conversation: { id: megan.conversationId },
        serviceUrl: megan.serviceUrl,
      });
    } finally {
      await Promise.all(people.map((p) => p.stop()));
    }
  });

  it('says why when the playground cannot start', async () => {
    const duplicate = DEFAULT_PEOPLE.map((p, i) => (i === 1 ? { ...p, id: 'user-id-0' } : p));
    await expect(startPlayground({ botEndpoint: bot.endpoint, people: duplicate, startTimeoutMs: 15_000 })).rejects.toThrow(/did not start[\s\S]*User ID must be unique/);
  });
});
