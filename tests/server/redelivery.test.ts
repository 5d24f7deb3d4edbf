import type { UserId } from '../../src/domain/shared/brand';
import { startConnectorStandIn, type ConnectorStandIn } from '../support/connectorStandIn';
import { openApiWorld, type ApiWorld } from './apiWorld';

/**
 * Teams gives a bot 15 seconds to answer a request and, when it has not, delivers the same
 * activity again (same id, same conversation). The bot answers each delivery, but takes the
 * person's turn once: a "survey" delivered twice brings one prompt card, not two.
 */
describe('an activity Teams delivers again', () => {
  let world: ApiWorld;
  let connector: ConnectorStandIn;
  let failNext = 0;
  let serial = 0;

  beforeAll(async () => {
    world = await openApiWorld();
    connector = await startConnectorStandIn({ keepActivities: true, misbehave: () => (failNext > 0 ? (failNext--, { status: 503 }) : undefined) });
  });
  afterAll(async () => {
    await connector.close();
    await world.close();
  });
  beforeEach(() => {
    connector.reset();
    failNext = 0;
  });

  /** A message from a member of staff, as Teams sends it: each new one has an id of its own. */
  const message = (text: string, id = `message-${++serial}`) => ({
    type: 'message',
    id,
    text,
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: `29:${world.who.staff.id}`, aadObjectId: world.who.staff.id },
    recipient: { id: '28:bot' },
    conversation: { id: `a:${world.who.staff.id}`, conversationType: 'personal' },
  });
  const deliver = (activity: unknown) => fetch(world.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(15_000) });
  const cardsSent = () => [...connector.received.values()].flat().length;

  it('answers the second delivery of an activity without taking the turn again', async () => {
    const survey = message('survey');
    expect((await deliver(survey)).status).toBe(200);
    expect(cardsSent()).toBe(1);
    expect((await deliver(survey)).status).toBe(200);
    expect(cardsSent()).toBe(1);
    expect(await world.conversations.get(world.who.staff.id as UserId)).toBeDefined();
  });

  it('takes the turn once when the second delivery comes while the first is still being answered', async () => {
    const survey = message('survey');
    const answers = await Promise.all([deliver(survey), deliver(survey), deliver(survey)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(cardsSent()).toBe(1);
  });

  it('still answers every new message from the same person, and the same id in another conversation', async () => {
    expect((await deliver(message('survey'))).status).toBe(200);
    expect((await deliver(message('survey'))).status).toBe(200);
    expect(cardsSent()).toBe(2);
    const elsewhere = { ...message('survey', 'message-shared-id'), conversation: { id: 'a:another-chat', conversationType: 'personal' } };
    expect((await deliver(message('survey', 'message-shared-id'))).status).toBe(200);
    expect((await deliver(elsewhere)).status).toBe(200);
    expect(cardsSent()).toBe(4);
  });

  it('takes the turn again when the first delivery failed, so nothing the person sent is lost', async () => {
    const survey = message('survey');
    // The channel refuses the reply each time it is tried: the turn fails.
    failNext = 3;
    await deliver(survey);
    expect(cardsSent()).toBe(0);
    expect((await deliver(survey)).status).toBe(200);
    expect(cardsSent()).toBe(1);
  });

  it('treats an activity without an id as new each time', async () => {
    const { id: _id, ...noId } = message('survey');
    await deliver(noId);
    await deliver(noId);
    expect(cardsSent()).toBe(2);
  });
});
