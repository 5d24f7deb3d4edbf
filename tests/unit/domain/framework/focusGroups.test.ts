import { demoOrganisation } from '../../../../src/adapters/directory/demoDirectory';
import { APPENDIX_5_QUESTIONS, APPENDIX_5_THEMES } from '../../../../src/domain/framework/appendix5';
import {
  cancelProblem,
  checkFocusGroupRecord,
  checkFocusGroupSchedule,
  invitationProblem,
  invitees,
  notesInOrder,
  notesProblem,
  type FocusGroupSchedule,
} from '../../../../src/domain/framework/focusGroups';
import { asIsoDate } from '../../../../src/domain/shared/brand';

const organisation = demoOrganisation();
const today = asIsoDate('2026-10-05');
const context = { organisation, today, isReview: (id: string) => id === 'review-2026-1' };
const psw = organisation.people.find((p) => p.role === 'principal-social-worker')!;
const names = organisation.people.map((p) => p.displayName);
const good = { date: '2026-11-12', time: '14:00', place: 'Teams meeting', facilitatorId: psw.id, invitedTeams: ['hospital'], invitedRoles: ['occupational-therapist'] };

describe('Appendix 5 as data', () => {
  it("has the appendix's five themes and twenty-two questions, numbered as it numbers them", () => {
    expect(APPENDIX_5_THEMES.map((t) => t.title)).toEqual([
      'Effective workload management',
      'Proactive workflow management',
      'Having the right tools to do the job',
      'A healthy workplace',
      'Approach to practice',
    ]);
    expect(APPENDIX_5_QUESTIONS.map((q) => q.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(APPENDIX_5_QUESTIONS.find((q) => q.number === 18)?.points).toHaveLength(6);
  });
});

describe('scheduling a focus group', () => {
  it('takes a good schedule, with a title from its purpose', () => {
    const checked = checkFocusGroupSchedule(good, context);
    expect(checked).toEqual({
      ok: true,
      value: expect.objectContaining({ purpose: 'health-check', title: 'Annual health check focus group', reviewId: null, invitedTeams: ['hospital'], invitedRoles: ['occupational-therapist'] }),
    });
  });

  it('refuses every problem at once, by field, in words', () => {
    const checked = checkFocusGroupSchedule({ date: '2026-02-30', time: '2pm', place: '', facilitatorId: 'nobody', invitedTeams: ['moon-base'], purpose: 'party' }, context);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.field).sort()).toEqual(['date', 'facilitatorId', 'invitedTeams', 'place', 'purpose', 'time']);
    expect(checked.errors.find((e) => e.field === 'invitedTeams')?.message).toBe('"moon-base" is not a team in the organisation.');
  });

  it('needs at least one team or role, a day not yet passed, and a review for a thematic review', () => {
    const errors = (input: object) => {
      const c = checkFocusGroupSchedule({ ...good, ...input }, context);
      return c.ok ? [] : c.errors.map((e) => e.message);
    };
    expect(errors({ invitedTeams: [], invitedRoles: [] })).toEqual(['Invite at least one team or one role.']);
    expect(errors({ date: '2026-10-04' })).toEqual(['2026-10-04 has passed: a focus group is scheduled for today or later.']);
    expect(errors({ purpose: 'thematic-review' })).toEqual(['Choose the thematic practice review this focus group is part of.']);
    expect(errors({ purpose: 'thematic-review', reviewId: 'review-2026-1' })).toEqual([]);
  });

  it('keeps a stored day that has since passed when other fields change', () => {
    const earlier = (checkFocusGroupSchedule(good, context) as { value: FocusGroupSchedule }).value;
    const later = checkFocusGroupSchedule({ place: 'Room 2' }, { ...context, today: asIsoDate('2026-11-20') }, earlier);
    expect(later).toEqual({ ok: true, value: { ...earlier, place: 'Room 2' } });
  });
});

describe('who is invited', () => {
  it('is everyone in post in the invited teams or roles but the facilitator, newcomers only when sent again', () => {
    const group = { invitedTeams: ['hospital'], invitedRoles: ['occupational-therapist' as const], facilitatorId: psw.id };
    const all = invitees(group, organisation, today);
    const expected = organisation.people
      .filter((p) => p.teamId === 'hospital' || p.role === 'occupational-therapist')
      .map((p) => p.id as string)
      .sort();
    expect(all).toEqual(expected);
    expect(invitees(group, organisation, today, new Set(all.slice(1)))).toEqual(all.slice(0, 1));
    const leaver = { ...organisation, people: organisation.people.map((p) => (p.id === all[0] ? { ...p, leftOn: '2026-09-30' } : p)) };
    expect(invitees(group, leaver, today)).toEqual(all.slice(1));
  });

  it('says why invitations, cancelling or notes cannot happen', () => {
    expect(invitationProblem({ status: 'scheduled', date: asIsoDate('2026-11-12') }, today)).toBeUndefined();
    expect(invitationProblem({ status: 'held', date: asIsoDate('2026-11-12') }, today)).toMatch(/has been held/);
    expect(invitationProblem({ status: 'invited', date: asIsoDate('2026-10-01') }, today)).toMatch(/passed/);
    expect(cancelProblem({ status: 'held' })).toMatch(/can no longer be cancelled/);
    expect(notesProblem({ status: 'invited', date: asIsoDate('2026-11-12') }, today)).toBe('This focus group is on 2026-11-12: its notes are recorded on or after that day.');
    expect(notesProblem({ status: 'invited', date: asIsoDate('2026-10-05') }, today)).toBeUndefined();
  });
});

describe("a focus group's notes", () => {
  it('are kept against Appendix 5 questions, with the number attending and key themes', () => {
    const checked = checkFocusGroupRecord(
      {
        attended: 9,
        notes: { q13: ' Supervision is regular but often moved. ', q1: 'Allocation felt fair in most teams.' },
        themes: [{ area: 'healthy-workplace', summary: 'Supervision moved at short notice' }],
      },
      names,
    );
    expect(checked).toEqual({
      ok: true,
      value: {
        attended: 9,
        notes: { q13: 'Supervision is regular but often moved.', q1: 'Allocation felt fair in most teams.' },
        themes: [{ area: 'healthy-workplace', summary: 'Supervision moved at short notice', actionId: null }],
      },
    });
    if (checked.ok) expect(notesInOrder(checked.value.notes).map((n) => n.number)).toEqual([1, 13]);
  });

  it('are flagged, and not saved, when a note or a theme names someone in the directory', () => {
    const someone = organisation.people[20]!.displayName;
    const checked = checkFocusGroupRecord({ notes: { q3: `I ask ${someone} for help with reviews.` }, themes: [{ area: 'workload', summary: `${someone.toUpperCase()} carries too much` }] }, names);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((e) => e.field)).toEqual(['notes.q3', 'themes.0']);
    expect(checked.errors[0]?.message).toContain(`names someone in the staff directory ("${someone}")`);
  });

  it('refuses unknown questions, long notes, bad attendance and themes without an Appendix 5 theme', () => {
    const checked = checkFocusGroupRecord(
      {
        attended: -1,
        notes: { q23: 'x', q2: 'y'.repeat(2001) },
        themes: [
          { area: 'lunch', summary: 'x' },
          { area: 'tools', summary: '' },
        ],
      },
      names,
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.map((e) => e.field)).toEqual(['attended', 'notes.q23', 'notes.q2', 'themes.0', 'themes.1']);
  });

  it("keeps what is left out, clears a blank note, and keeps a theme's action while its words stay", () => {
    const earlier = { attended: 7, notes: { q1: 'a', q2: 'b' }, themes: [{ area: 'tools' as const, summary: 'Laptops are slow', actionId: 'act-1' }] };
    const checked = checkFocusGroupRecord(
      {
        notes: { q2: '' },
        themes: [
          { area: 'tools', summary: 'Laptops are slow' },
          { area: 'tools', summary: 'No interpreters at short notice' },
        ],
      },
      names,
      earlier,
    );
    expect(checked).toEqual({
      ok: true,
      value: {
        attended: 7,
        notes: { q1: 'a' },
        themes: [
          { area: 'tools', summary: 'Laptops are slow', actionId: 'act-1' },
          { area: 'tools', summary: 'No interpreters at short notice', actionId: null },
        ],
      },
    });
  });
});
