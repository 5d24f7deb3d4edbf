import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { asCycleId } from '../../src/domain/shared/brand';
import { allAuditTasks } from '../../src/ports/audits';
import type { Composition } from '../../src/composition';
import { TestClock } from '../fixtures/testClock';
import { SurveyFlow } from '../../src/bot/flow';
import { INPUT_PREFIX, VERBS } from '../../src/bot/cards/verbs';
import { composeInMemory } from '../support/composed';
import { FreeTextScreen, NAMES_KEPT_MS } from '../../src/app/screening';

/**
 * Free text is screened before it is kept, and the person is told: a survey comment and an
 * audit note that name a colleague from the directory, give an email address or a case number
 * are saved with those taken out.
 */
const organisation = demoOrganisation();
const colleague = organisation.people.find((p) => p.role === 'social-worker')!;
let phc: Composition;

beforeAll(async () => {
  phc = await composeInMemory({ clock: new TestClock(new Date('2026-10-05T10:00:00Z')), directory: { organisation: async () => organisation }, auditSeed: () => 7 });
  await phc.app.cycles.open({ id: '2026-27', closesOn: '2027-03-31' });
});
afterAll(() => phc.close());

describe('screening free text before it is kept', () => {
  it("takes a colleague's name, an email address and a case number out of a survey comment, and says so", async () => {
    const me = organisation.people.find((p) => p.role === 'occupational-therapist')!;
    const comment = `${colleague.displayName} helped on case 2045118; write to ${colleague.id}@anytown.gov.uk`;
    const saved = await phc.app.survey.saveDraft(asCycleId('2026-27'), me.id, { 'other-comments': comment }, 0);
    if (!saved.ok) throw new Error('not saved');
    expect(saved.answers['other-comments']).toBe('[name removed] helped on case [case number removed]; write to [email removed]');
    expect(saved.screened).toEqual([
      { questionId: 'other-comments', found: ['email', 'name', 'case-number'], note: expect.stringMatching(/^We took 1 name, 1 email address and 1 case number out of your comment before saving it/) },
    ]);
    const { draft } = await phc.app.survey.status(asCycleId('2026-27'), me.id);
    expect(JSON.stringify(draft)).not.toContain(colleague.displayName);
  });

  it('in the bot, shows the page again with the comment as kept and why', async () => {
    const me = organisation.people.find((p) => p.role === 'social-worker' && p.id !== colleague.id)!;
    const section = phc.app.questionnaire.sections.findIndex((s) => s.questions.some((q) => q.id === 'other-comments'));
    const survey = new SurveyFlow(phc.app);
    const card = await survey.onAction(me.id, { verb: VERBS.next, cycleId: '2026-27', section, page: 0, [`${INPUT_PREFIX}other-comments`]: `Ask ${colleague.displayName}` });
    const text = JSON.stringify(card.card);
    expect(text).toContain('Ask [name removed]');
    expect(text).toMatch(/We took 1 name out of your comment before saving it/);
  });

  it("takes a name out of an audit note but keeps the case identifier's number, and tells the auditor", async () => {
    await phc.services.audits.plan(2026);
    const task = (await allAuditTasks(phc.stores.audits, 2026)).find((t) => t.form === 'appendix-2' && t.subject.kind === 'person')!;
    const saved = await phc.services.auditRecords.saveDraft(task.id, task.auditorId, 'auditor', {
      'case-identifier': `2045118 ${colleague.displayName}`,
      'what-was-good': `${colleague.displayName} wrote a clear plan (see 2045118)`,
    });
    expect(JSON.stringify(saved.answers.auditor)).not.toContain(colleague.displayName);
    expect(saved.answers.auditor?.['case-identifier']).toEqual({ kind: 'text', text: '2045118 [name removed]' });
    expect(saved.answers.auditor?.['what-was-good']).toEqual({ kind: 'text', text: '[name removed] wrote a clear plan (see [case number removed])' });
    expect(saved.screened).toEqual([expect.stringMatching(/1 name out of the case identifier/), expect.stringMatching(/1 name and 1 case number out of a box on the form/)]);
  });
});

describe("the directory's names for screening", () => {
  it('are read once for the screenings within a few seconds, and again after, so a new name is caught within seconds', async () => {
    const [first, second] = organisation.people.filter((p) => p.role === 'social-worker');
    let people: readonly (typeof organisation.people)[number][] = organisation.people.filter((p) => p !== second);
    let reads = 0;
    let now = 0;
    const screen = new FreeTextScreen(
      {
        organisation: async () => {
          reads++;
          return { ...organisation, people };
        },
      },
      () => now,
    );
    expect((await screen.screen(`Ask ${first!.displayName}`)).found).toEqual(['name']);
    people = organisation.people;
    now = NAMES_KEPT_MS - 1;
    expect((await screen.screen(`Ask ${second!.displayName}`)).found).toEqual([]);
    expect(reads).toBe(1);
    now = NAMES_KEPT_MS;
    expect((await screen.screen(`Ask ${second!.displayName}`)).found).toEqual(['name']);
    expect(reads).toBe(2);
  });
});
