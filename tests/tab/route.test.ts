import { DEFAULT_ROUTE, hashOf, parseHash, parsePath, parseSubEntity } from '../../tab/src/model/route';

describe('where the tab is', () => {
  it('reads and writes the page and its parameters in the hash', () => {
    const route = { page: 'health-check' as const, params: { cycle: '2024-25' } };
    expect(hashOf(route)).toBe('#/health-check?cycle=2024-25');
    expect(parseHash(hashOf(route))).toEqual(route);
    expect(parseHash('#/nowhere')).toBeUndefined();
    expect(parseHash('')).toBeUndefined();
  });

  it("follows the manifest's static tab paths", () => {
    expect(parsePath('/tab/dashboard')?.page).toBe('home');
    expect(parsePath('/tab/results')?.page).toBe('health-check');
    expect(parsePath('/tab/surveys')?.page).toBe('surveys');
    expect(parsePath('/tab/')).toBeUndefined();
  });

  it('opens deep links from bot cards (Teams subEntityId)', () => {
    expect(parseSubEntity('audit:task-42')).toEqual({ page: 'audit', params: { id: 'task-42' } });
    expect(parseSubEntity('health-check:2024-25')).toEqual({ page: 'health-check', params: { cycle: '2024-25' } });
    expect(parseSubEntity('surveys')).toEqual({ page: 'surveys', params: {} });
    expect(parseSubEntity('unknown:1')).toBeUndefined();
    expect(parseSubEntity(undefined)).toBeUndefined();
    expect(DEFAULT_ROUTE.page).toBe('home');
  });
});
