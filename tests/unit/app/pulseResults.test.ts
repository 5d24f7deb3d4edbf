import { randomBytes } from 'node:crypto';
import { demoOrganisation } from '../../../src/adapters/directory/demoDirectory';
import type { App } from '../../../src/app/app';
import { formatResults } from '../../../src/domain/results/format';
import type { BreakdownResults, CycleResults } from '../../../src/domain/results/types';
import { asCycleId, asIsoDate, asParticipationKey } from '../../../src/domain/shared/brand';
import type { Answers } from '../../../src/domain/survey/types';
import { TestClock } from '../../fixtures/testClock';
import { composeInMemory } from '../../support/composed';

/**
 * A pulse's results: the Health Check's figure for the same question beside its own, named;
 * earlier runs of the same pulse beside its own questions, and nobody else's; the same
 * disclosure rules as the Health Check when it asks about the person. The Health Check's
 * published figures are untouched by pulses.
 */
describe("a pulse's results", () => {
  let app: App;
  let clock: TestClock;
  const organisation = demoOrganisation();

  async function run(id: string, surveyId: string, opensOn: string, closesOn: string, answers: readonly Answers[]): Promise<void> {
    clock.set(`${opensOn}T09:00:00Z`);
    await app.cycles.create({ id, surveyId, opensOn, closesOn, threshold: 5 });
    const cycle = await app.cycles.openDraft(id);
    for (const a of answers)
      await app.stores.participation.submit(asCycleId(id), asParticipationKey(randomBytes(32).toString('hex')), { surveyVersion: cycle.surveyVersion, submittedOn: asIsoDate(opensOn), answers: a });
    clock.set(`${closesOn}T20:00:00Z`);
    await app.cycles.close(id);
  }

  beforeAll(async () => {
    clock = new TestClock(new Date('2027-01-04T09:00:00Z'));
    ({ app } = await composeInMemory({ clock, directory: { organisation: () => Promise.resolve(organisation) } }, { PHC_DEMO: 'off' }));
    await app.questionnaires.copy(
      { from: 'template-supervision', id: 'supervision-spring', title: 'Supervision pulse, spring', edits: [{ op: 'add-custom', kind: 'agree', text: 'Supervision helps me with my caseload' }] },
      'demo-001',
    );
    await app.questionnaires.copy(
      { from: 'template-workload', id: 'workload-spring', title: 'Workload pulse, spring', edits: [{ op: 'add-custom', kind: 'agree', text: 'A different question of my own' }] },
      'demo-001',
    );
    const agree = (n: number, of: number): Answers[] => Array.from({ length: of }, (_, i) => ({ 'supervision-quality': i < n ? 'completely' : 'not-at-all', 'own-2-1': i < n ? 'agree' : 'disagree' }));
    await run('supervision-jan', 'supervision-spring', '2027-01-04', '2027-01-15', agree(6, 8));
    await run(
      'workload-feb',
      'workload-spring',
      '2027-02-01',
      '2027-02-12',
      Array.from({ length: 5 }, () => ({ 'own-2-1': 'agree' })),
    );
    await run('supervision-mar', 'supervision-spring', '2027-03-01', '2027-03-12', agree(4, 8));
  });
  afterAll(() => app.close());

  it("puts the Health Check's figure and the earlier pulse's beside a bank question, each named", async () => {
    const r = (await app.results.results('supervision-mar')) as CycleResults;
    const quality = r.questions.find((q) => q.id === 'supervision-quality');
    expect(quality?.headline).toEqual({
      label: 'completely or to a great extent',
      percent: 50,
      previous: [
        { cycle: 'supervision-jan', year: '2027', percent: 75, label: 'Supervision pulse, spring' },
        { cycle: '2024-25', year: '2024', percent: 73, label: 'the 2024 Health Check' },
        { cycle: '2022-23', year: '2022', percent: 84, label: 'the 2022 Health Check' },
        { cycle: '2019-20', year: '2019', percent: 80, label: 'the 2019 Health Check' },
        { cycle: '2017-18', year: '2017', percent: 69, label: 'the 2017 Health Check' },
      ],
    });
    expect(formatResults(await app.cycles.questionnaireOf(await app.cycles.require('supervision-mar')), r)).toContain(
      '50% are completely or to a greater extent satisfied with the quality of supervision (75% in Supervision pulse, spring; 73% in the 2024 Health Check; 84% in the 2022 Health Check; 80% in the 2019 Health Check; 69% in the 2017 Health Check)',
    );
  });

  it("compares a question of the PSW's own only with earlier runs of the same pulse, never with another pulse's question of the same id", async () => {
    const r = (await app.results.results('supervision-mar')) as CycleResults;
    expect(r.questions.find((q) => q.id === 'own-2-1')?.headline?.previous).toEqual([{ cycle: 'supervision-jan', year: '2027', percent: 75, label: 'Supervision pulse, spring' }]);
    const w = (await app.results.results('workload-feb')) as CycleResults;
    expect(w.questions.find((q) => q.id === 'own-2-1')?.headline?.previous).toEqual([]);
  });

  it("leaves the Health Check's published figures as the council printed them", async () => {
    const hc = (await app.results.results('2024-25')) as CycleResults;
    expect(hc.questions.find((q) => q.id === 'supervision-quality')?.headline?.previous).toEqual([
      { cycle: '2022-23', year: '2022', percent: 84 },
      { cycle: '2019-20', year: '2019', percent: 80 },
      { cycle: '2017-18', year: '2017', percent: 69 },
    ]);
  });

  it("offers no breakdown for a pulse that asks nothing about the person, and the Health Check's disclosure rules for one that does", async () => {
    const plain = (await app.results.results('supervision-mar', 'team')) as BreakdownResults;
    expect(plain.groups).toEqual([]);

    const v3 = await app.questionnaires.edit('supervision-spring', { version: 2, edits: [{ op: 'add-from-bank', question: 'team' }] }, 'demo-001');
    expect(v3.breakdowns).toEqual({ role: 'role', team: 'team', lengthOfService: 'length-of-service' });
    const person = (team: string, role: string): Answers => ({ role, team, 'length-of-service': '2-5', 'supervision-quality': 'completely' });
    await run('supervision-apr', 'supervision-spring', '2027-04-05', '2027-04-16', [
      ...Array.from({ length: 7 }, () => person('hospital', 'social-worker')),
      ...Array.from({ length: 6 }, () => person('intake', 'social-worker')),
      ...Array.from({ length: 5 }, () => person('short-term', 'social-worker')),
      person('occupational-therapy', 'occupational-therapist'),
    ]);
    const byTeam = (await app.results.results('supervision-apr', 'team')) as BreakdownResults;
    const ot = byTeam.groups.find((g) => g.id === 'occupational-therapy');
    expect(ot?.respondents).toBeNull();
    expect(ot?.suppressed).toMatch(/fewer than 5/);
    // As for the Health Check: what is hidden cannot be worked out by subtracting what is shown,
    // so the smallest team shown beside it is hidden too.
    expect(byTeam.groups.find((g) => g.id === 'short-term')?.suppressed).toMatch(/by subtraction/);
    const shown = byTeam.groups.reduce((sum, g) => sum + (g.respondents ?? 0), 0);
    expect(byTeam.respondents - shown).toBeGreaterThanOrEqual(5);
    const whole = (await app.results.results('supervision-apr')) as CycleResults;
    expect(whole.questions.find((q) => q.id === 'team')?.hiddenOptions?.map((o) => o.id)).toContain('occupational-therapy');
  });
});
