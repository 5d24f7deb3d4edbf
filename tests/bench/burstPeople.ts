/** The people of `bench:burst` and the activities Teams sends for them, shared by the benchmark and its seeding. */

export interface BurstPerson {
  readonly id: string;
  readonly conversationId: string;
}

export function burstPeople(count: number): BurstPerson[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `p${String(i + 1).padStart(5, '0')}`;
    return { id, conversationId: `a:1on1-${id}` };
  });
}

/** A message from a person in their personal chat with the bot, as Teams sends it. */
export function personActivity(person: BurstPerson, serviceUrl: string, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${person.id}`, aadObjectId: person.id, name: person.id },
    recipient: { id: '28:stand-in-bot', name: 'Practice Health Check' },
    conversation: { id: person.conversationId, conversationType: 'personal', tenantId: 'stand-in-tenant' },
    channelData: { tenant: { id: 'stand-in-tenant' } },
    ...extra,
  };
}
