import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { inputId } from '../../src/bot/cards/verbs';
import type { Organisation } from '../../src/domain/organisation/types';
import { botHarness, buttonsOf, textOf, type BotHarness } from './harness';

/**
 * A pulse during the Health Check: the bot offers each person the surveys they are asked,
 * lets them choose, and takes each with its own questions.
 */
describe('several surveys open at once', () => {
  const organisation: Organisation = demoOrganisation();
  const hospital = organisation.people.filter((p) => p.teamId === 'hospital' && p.role === 'social-worker');
  const elsewhere = organisation.people.find((p) => p.teamId === 'short-term' && p.role === 'social-worker')!;
  let bot: BotHarness;

  beforeAll(async () => {
    bot = await botHarness('2027-01-11T10:00:00Z', { directory: { organisation: () => Promise.resolve(organisation) } });
    await bot.app.cycles.open({ id: '2026-27', closesOn: '2027-03-31' });
    await bot.app.questionnaires.copy({ from: 'template-supervision', id: 'supervision-spring', title: 'Supervision pulse' }, 'demo-001');
    await bot.app.cycles.create({ id: 'pulse-2027-01', surveyId: 'supervision-spring', closesOn: '2027-01-29', threshold: 5, audience: { kind: 'teams', teamIds: ['hospital', 'intake'] } });
    await bot.app.cycles.openDraft('pulse-2027-01');
  });
  afterAll(() => bot.close());

  it('offers each open survey to someone in both audiences, and takes the pulse with its own questions', async () => {
    const person = hospital[0]!.id;
    const choice = await bot.say(person, 'survey');
    expect(textOf(choice)).toMatch(/^Surveys open to you/);
    expect(textOf(choice)).toMatch(/Adult Social Care Organisational Health Check 2026\/27[^]*Supervision pulse/);
    const starts = buttonsOf(choice).filter((b) => b.title === 'Start');
    expect(starts.map((b) => b.data.cycleId)).toEqual(['2026-27', 'pulse-2027-01']);

    const first = await bot.press(person, starts[1]!);
    expect(textOf(first.card)).toMatch(/Section 1 of 1/);
    expect(textOf(first.card)).toMatch(/How often do you have supervision\?/);
    expect(textOf(first.card)).not.toMatch(/What is your role\?/);
    const answers: Record<string, unknown> = { [inputId('supervision-frequency')]: 'monthly', [inputId('supervision-quality')]: 'completely', [inputId('complex-case-support')]: 'partially' };
    let review = first;
    for (let page = 0; page < 5 && !/Check your answers/.test(textOf(review.card)); page++)
      review = await bot.press(
        person,
        buttonsOf(review.card).find((b) => b.title === 'Next')!,
        answers,
      );
    expect(textOf(review.card)).toMatch(/Check your answers/);
    const send = buttonsOf(review.card).find((b) => b.title === 'Send my answers')!;
    expect(textOf((await bot.press(person, send)).card)).toMatch(/^Thank you for taking part/);
    expect((await bot.app.stores.participation.counts('pulse-2027-01' as never)).submitted).toBe(1);

    const after = await bot.say(person, 'status');
    expect(textOf(after)).toMatch(/Supervision pulse\nOpen until Friday 29 January 2027\. You have taken part\. Thank you\./);
    expect(buttonsOf(after).map((b) => b.data.cycleId)).toEqual(['2026-27']);
  });

  it("offers someone outside the pulse's teams only the Health Check, and refuses them the pulse", async () => {
    const card = await bot.say(elsewhere.id, 'survey');
    expect(textOf(card)).toMatch(/^Adult Social Care Organisational Health Check 2026\/27/);
    expect(textOf(card)).not.toMatch(/Supervision pulse/);
    const pressed = await bot.press(elsewhere.id, { data: { verb: 'survey.start', cycleId: 'pulse-2027-01' } });
    expect(textOf(pressed.card)).toMatch(/for a group of staff you are not in/);
  });
});
