import { demoOrganisation } from '../../src/adapters/directory/demoDirectory';
import { FOCUS_GROUP_VERBS } from '../../src/bot/cards/framework';
import { planYear } from '../../src/domain/audit/plan/plan';
import { DEFAULT_AUDIT_RULES } from '../../src/domain/audit/plan/rules';
import { botHarness, buttonsOf, textOf, type BotHarness } from './harness';

/**
 * A focus group invitation's buttons on a real turn: the presser's own reply is recorded (only
 * if they were invited), the card says what they said with the button to change it, and a
 * reply to a cancelled group is refused in words. Opening an organisational audit from a
 * reminder says where it is done rather than that it has no form.
 */
describe('replying to a focus group invitation in the bot', () => {
  const organisation = demoOrganisation();
  const psw = organisation.people.find((p) => p.role === 'principal-social-worker')!;
  const invited = organisation.people.find((p) => p.teamId === 'intake' && p.role === 'social-worker')!;
  const outsider = organisation.people.find((p) => p.teamId === 'hospital' && p.role === 'social-worker')!;
  let bot: BotHarness;
  let groupId = '';
  const press = (userId: string, reply: string) => bot.press(userId, { data: { verb: FOCUS_GROUP_VERBS.reply, focusGroupId: groupId, reply } });

  beforeEach(async () => {
    bot = await botHarness('2027-01-11T10:00:00Z', {
      directory: { organisation: () => Promise.resolve(organisation) },
      auditTasks: planYear({ rules: DEFAULT_AUDIT_RULES, organisation, year: 2026, seed: 3 }),
    });
    const group = await bot.framework.focusGroups.schedule({ date: '2027-01-28', time: '14:00', place: 'Teams meeting', facilitatorId: psw.id, invitedTeams: ['intake'] }, psw.id);
    await bot.framework.focusGroups.invite(group.id, group.version);
    groupId = group.id;
  });
  afterEach(() => bot.close());

  it('records the reply, updates the card to say it, and lets them change their mind', async () => {
    const coming = await press(invited.id, 'coming');
    expect(coming.updated).toBe(true);
    expect(textOf(coming.card)).toMatch(/You said you'll come/);
    expect(buttonsOf(coming.card).map((b) => b.title)).toEqual(["I can't come after all"]);
    expect((await bot.framework.focusGroups.invitations(groupId)).find((i) => i.personId === invited.id)).toMatchObject({ reply: 'coming', repliedOn: '2027-01-11' });
    const changed = await press(invited.id, 'not-coming');
    expect(textOf(changed.card)).toMatch(/You said you can't come/);
    expect((await bot.framework.focusGroups.invitations(groupId)).find((i) => i.personId === invited.id)?.reply).toBe('not-coming');
  });

  it('records nothing for someone not invited, or once the group is cancelled', async () => {
    const notInvited = await press(outsider.id, 'coming');
    expect(textOf(notInvited.card)).toMatch(/You were not invited to this focus group/);
    expect((await bot.framework.focusGroups.invitations(groupId)).some((i) => i.personId === outsider.id)).toBe(false);
    const group = await bot.framework.focusGroups.get(groupId);
    await bot.framework.focusGroups.cancel(groupId, group.version);
    expect(textOf((await press(invited.id, 'coming')).card)).toMatch(/has been cancelled/);
    expect(textOf((await bot.press(invited.id, { data: { verb: FOCUS_GROUP_VERBS.reply, focusGroupId: groupId, reply: 'maybe' } })).card)).toMatch(/not one I know/);
  });

  it('says where an organisational audit is done when it is opened from a reminder', async () => {
    const review = (await bot.audits.list(2026, { limit: 500 })).items.find((t) => t.activity === 'thematic-review')!;
    const card = (await bot.press(psw.id, { data: { verb: 'audit.open', taskId: review.id } })).card;
    expect(textOf(card)).toMatch(/^This audit is done in the tab\nThe thematic practice review is carried out on the Thematic reviews page/);
    expect(textOf(card)).not.toMatch(/no form/);
    // Someone with nothing to do with it learns nothing about it.
    expect(textOf((await bot.press(invited.id, { data: { verb: 'audit.open', taskId: review.id } })).card)).toMatch(/You cannot see this audit/);
  });
});
