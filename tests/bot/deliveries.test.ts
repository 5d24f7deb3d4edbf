import { Deliveries } from '../../src/bot/deliveries';
import type { CheckedActivity } from '../../src/bot/endpoint';

const activity = (id: string | undefined, overrides: Record<string, unknown> = {}): CheckedActivity =>
  ({
    type: 'message',
    ...(id === undefined ? {} : { id }),
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/uk/',
    from: { id: '29:alex', aadObjectId: 'alex-0001' },
    conversation: { id: 'a:alex' },
    ...overrides,
  }) as CheckedActivity;

describe('the activities the bot has taken', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 0));

  it('takes an activity once while it is kept, and again once it is forgotten', () => {
    const deliveries = new Deliveries(60_000, 100, clock);
    expect(deliveries.first(activity('m1'))).toBe(true);
    now = 15_000;
    expect(deliveries.first(activity('m1'))).toBe(false);
    now = 45_000;
    expect(deliveries.first(activity('m1'))).toBe(false);
    now = 60_000;
    expect(deliveries.first(activity('m1'))).toBe(true);
  });

  it('tells activities apart by channel, conversation and id', () => {
    const deliveries = new Deliveries(60_000, 100, clock);
    expect(deliveries.first(activity('m1'))).toBe(true);
    expect(deliveries.first(activity('m2'))).toBe(true);
    expect(deliveries.first(activity('m1', { conversation: { id: 'a:sam' } }))).toBe(true);
    expect(deliveries.first(activity('m1', { channelId: 'webchat' }))).toBe(true);
    expect(deliveries.first(activity('m1'))).toBe(false);
  });

  it('never takes an activity without an id, or an invoke, as a repeat (an invoke is answered in its response)', () => {
    const deliveries = new Deliveries(60_000, 100, clock);
    for (let i = 0; i < 3; i++) {
      expect(deliveries.first(activity(undefined))).toBe(true);
      expect(deliveries.first(activity(''))).toBe(true);
      expect(deliveries.first(activity('i1', { type: 'invoke' }))).toBe(true);
    }
  });

  it('takes an activity again after its turn failed', () => {
    const deliveries = new Deliveries(60_000, 100, clock);
    expect(deliveries.first(activity('m1'))).toBe(true);
    deliveries.forget(activity('m1'));
    expect(deliveries.first(activity('m1'))).toBe(true);
    expect(deliveries.first(activity('m1'))).toBe(false);
  });

  it('keeps at most the number it is given, forgetting the oldest first', () => {
    const deliveries = new Deliveries(60_000, 3, clock);
    for (const id of ['m1', 'm2', 'm3', 'm4']) expect(deliveries.first(activity(id))).toBe(true);
    expect(deliveries.first(activity('m4'))).toBe(false);
    expect(deliveries.first(activity('m3'))).toBe(false);
    expect(deliveries.first(activity('m1'))).toBe(true);
  });
});
