import { OrgDataService } from '../../../src/app/orgData';
import { HEALTH_MEASURES, protectHealthFigures } from '../../../src/domain/orgData/smallNumbers';
import type { Organisation } from '../../../src/domain/organisation/types';
import { asIsoDate, asUserId } from '../../../src/domain/shared/brand';
import type { OrgDataReturn, OrgDataReturnStore } from '../../../src/ports/orgData';
import type { Cycle } from '../../../src/ports/stores';
import { TestClock } from '../../fixtures/testClock';

/**
 * Small-number protection on the 39-steps sickness figures: a team of fewer than five shows
 * none (its sickness days per FTE or its long-term absence could be one person's health), and
 * nothing added up across teams includes them.
 */
const person = (id: string, teamId: string) => ({ id: asUserId(id), displayName: id, role: 'social-worker' as const, teamId, lineManagerId: undefined, supervisorId: undefined });
const organisation: Organisation = {
  teams: [
    { id: 'small', name: 'Small team', serviceArea: 'x' },
    { id: 'large', name: 'Large team', serviceArea: 'x' },
  ],
  people: [...['a', 'b', 'c'].map((id) => person(id, 'small')), ...['d', 'e', 'f', 'g', 'h', 'i'].map((id) => person(id, 'large'))],
};
const figures = { 'establishment-fte': 3, 'sickness-days-per-fte': 22, 'long-term-absence-fte': 1 };
const returns: OrgDataReturn[] = [
  { cycleId: 'hc-2026', teamId: 'small', submittedBy: asUserId('a'), submittedOn: asIsoDate('2026-06-01'), measures: figures },
  {
    cycleId: 'hc-2026',
    teamId: 'large',
    submittedBy: asUserId('d'),
    submittedOn: asIsoDate('2026-06-01'),
    measures: { ...figures, 'establishment-fte': 6, 'sickness-days-per-fte': 4, 'long-term-absence-fte': 0 },
  },
];
const store: OrgDataReturnStore = {
  put: async () => ({ replaced: false }),
  forCycle: async () => returns,
  forTeam: async (t: string) => returns.filter((r) => r.teamId === t),
} as unknown as OrgDataReturnStore;
const cycle = { id: 'hc-2026', kind: 'live', opensOn: '2026-05-01' } as unknown as Cycle;
const service = new OrgDataService(store, { organisation: async () => organisation }, { list: async () => [cycle] }, new TestClock(new Date('2026-06-02T09:00:00Z')));

describe('sickness figures of small teams', () => {
  it('hides them, with why, for a team of fewer than five, and shows them for a larger one', async () => {
    const view = await service.byTeam('hc-2026');
    expect(view.teams.map((t) => [t.teamId, t.measures?.['sickness-days-per-fte'], Object.keys(t.hidden ?? {})])).toEqual([
      ['large', 4, []],
      ['small', undefined, [...HEALTH_MEASURES]],
    ]);
    expect(protectHealthFigures(figures, 3)).toEqual({
      measures: { 'establishment-fte': 3 },
      hidden: { 'sickness-days-per-fte': expect.stringMatching(/fewer than 5 people/), 'long-term-absence-fte': expect.stringMatching(/fewer than 5 people/) },
    });
    expect(protectHealthFigures(figures, 5)).toEqual({ measures: figures });
    const history = await service.overTime('small');
    expect(history.cycles[0]!.measures).toEqual({ 'establishment-fte': 3 });
    expect(Object.keys(history.cycles[0]!.hidden ?? {})).toEqual([...HEALTH_MEASURES]);
    expect((await service.overTime('large')).cycles[0]!.measures['sickness-days-per-fte']).toBe(4);
  });

  it('leaves them out of what is added up across teams, so no total gives a small team away', async () => {
    const added = await service.returnsFor('hc-2026');
    expect(added.map((r) => r.measures['sickness-days-per-fte'])).toEqual([undefined, 4]);
    // The manager's own return, to see and change on the 39-steps card, is as sent.
    expect((await service.ownReturn('small', 'hc-2026'))?.measures['sickness-days-per-fte']).toBe(22);
  });
});
