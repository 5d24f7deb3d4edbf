import { resultsCache } from '../../src/server/api/resultsCache';
import type { App } from '../../src/app/app';
import type { Cycle } from '../../src/ports/stores';

const cycle = (id: string, status: Cycle['status'], kind: Cycle['kind'] = 'live') => ({ id, status, kind }) as Cycle;

describe('the results cache', () => {
  function fakeApp(fail = false) {
    const calls: string[] = [];
    const app = {
      results: {
        results: (id: string, by?: string) => {
          calls.push(`${id}|${by ?? ''}`);
          return fail && calls.length === 1 ? Promise.reject(new Error('store busy')) : Promise.resolve({ cycle: id } as never);
        },
      },
    } as unknown as Pick<App, 'results'>;
    return { app, calls };
  }

  it('works out a closed cycle once, however many requests ask at the same time, per breakdown', async () => {
    const { app, calls } = fakeApp();
    const of = resultsCache(app);
    await Promise.all([of(cycle('2025-26', 'closed')), of(cycle('2025-26', 'closed')), of(cycle('2025-26', 'closed'), 'team'), of(cycle('2024-25', 'closed', 'published'))]);
    await of(cycle('2025-26', 'closed'));
    expect(calls.sort()).toEqual(['2024-25|', '2025-26|', '2025-26|team']);
  });

  it('never keeps an open cycle or a failure', async () => {
    const { app, calls } = fakeApp(true);
    const of = resultsCache(app);
    await expect(of(cycle('2025-26', 'closed'))).rejects.toThrow('store busy');
    await of(cycle('2025-26', 'closed'));
    await of(cycle('2026-27', 'open'));
    await of(cycle('2026-27', 'open'));
    expect(calls).toEqual(['2025-26|', '2025-26|', '2026-27|', '2026-27|']);
  });
});
