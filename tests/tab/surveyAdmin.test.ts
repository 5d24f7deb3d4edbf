import type { CycleDto, CycleSettingsDto } from '../../src/server/api/types';
import { cycleGroups, defaultCycle, trendColumn } from '../../tab/src/model/healthCheck';
import { addDays, errorsByField, formOf, newCycleForm, requestOf, slugOf, stateOf, suggestedCycleId, THRESHOLD_HINT } from '../../tab/src/model/surveyAdmin';

const cycle = (over: Partial<CycleDto>): CycleDto => ({
  id: '2026-27',
  title: 'Adult Social Care Organisational Health Check 2026/27',
  kind: 'live',
  status: 'closed',
  opensOn: '2026-11-02',
  closesOn: '2027-01-29',
  year: '2026',
  threshold: 5,
  textThreshold: 10,
  hasResults: true,
  surveyId: 'health-check',
  surveyKind: 'health-check',
  publishedOn: '2027-02-01',
  ...over,
});

describe("the Run surveys pages' model", () => {
  it('suggests a cycle id and a closing date three weeks on, and an id from a title', () => {
    expect(suggestedCycleId('2027-01-11', [])).toBe('pulse-2027-01');
    expect(suggestedCycleId('2027-01-11', ['pulse-2027-01', 'pulse-2027-01-2'])).toBe('pulse-2027-01-3');
    expect(addDays('2027-01-11', 21)).toBe('2027-02-01');
    expect(slugOf('Supervision pulse, spring 2027', [])).toBe('supervision-pulse-spring-2027');
    expect(slugOf('Supervision pulse, spring 2027', ['supervision-pulse-spring-2027'])).toBe('supervision-pulse-spring-2027-2');
    expect(slugOf('!!', [])).toBe('my-pulse');
  });

  it('tells the PSW the lowest threshold the server accepts, before they try a lower one', () => {
    expect(THRESHOLD_HINT).toBe('At least 5. Fixed once it opens.');
    expect(newCycleForm('2027-01-11', [], 'supervision-spring').threshold).toBe('5');
  });

  it("sends a new cycle's form as the API names it, numbers as numbers and anything else as typed", () => {
    const form = {
      ...newCycleForm('2027-01-11', [], 'supervision-spring'),
      audienceKind: 'teams' as const,
      teamIds: ['hospital', 'intake'],
      threshold: '6',
      remindAfter: '2',
      remindBefore: '',
      anyTime: true,
    };
    expect(requestOf(form, true)).toEqual({
      id: 'pulse-2027-01',
      surveyId: 'supervision-spring',
      opensOn: '2027-01-11',
      closesOn: '2027-02-01',
      threshold: 6,
      textThreshold: 10,
      audience: { kind: 'teams', teamIds: ['hospital', 'intake'] },
      reminders: { afterOpening: [2], beforeClosing: [] },
      workingHours: null,
    });
    const typed = requestOf({ ...form, threshold: 'three', remindAfter: 'soon' }, false);
    expect(typed).toMatchObject({ threshold: 'three', reminders: { afterOpening: 'soon', beforeClosing: [] } });
    expect('id' in typed).toBe(false);
  });

  it('shows saved settings as the form, and the form sends them back unchanged', () => {
    const dto: CycleSettingsDto = {
      cycle: cycle({ id: 'pulse-2027-01', title: 'Supervision pulse', status: 'draft', surveyId: 'supervision-spring', surveyKind: 'pulse', publishedOn: null, threshold: 6 }),
      surveyTitle: 'Supervision pulse',
      surveyVersion: 2,
      audience: { kind: 'roles', roles: ['social-worker'] },
      audienceText: 'social workers',
      audienceSize: 40,
      reminders: { afterOpening: [3, 5], beforeClosing: [2] },
      workingHours: { timeZone: 'Europe/London', days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      editable: true,
    };
    const form = formOf(dto);
    expect(form).toMatchObject({ id: 'pulse-2027-01', audienceKind: 'roles', roles: ['social-worker'], remindAfter: '3, 5', remindBefore: '2', anyTime: false, start: '09:00', end: '17:00' });
    expect(requestOf(form, false)).toMatchObject({ surveyId: 'supervision-spring', threshold: 6, audience: dto.audience, reminders: dto.reminders, workingHours: { start: '09:00', end: '17:00' } });
  });

  it('keeps the first error of each field, and says where a cycle is in words', () => {
    expect(
      errorsByField([
        { field: 'threshold', message: 'a' },
        { field: 'threshold', message: 'b' },
        { field: 'audience', message: 'c' },
      ]),
    ).toEqual({ threshold: 'a', audience: 'c' });
    expect(errorsByField(undefined)).toEqual({});
    expect(stateOf(cycle({ status: 'draft' }))).toBe('Draft: not sent yet');
    expect(stateOf(cycle({ status: 'open' }))).toBe('Open');
    expect(stateOf(cycle({ publishedOn: null }))).toBe('Closed: results not published yet');
    expect(stateOf(cycle({}))).toBe('Results published on 1 February 2027');
  });

  it('groups the results picker into the Health Check and pulses, opens on the latest Health Check, and names a pulse by its title in trends', () => {
    const hc = cycle({});
    const pulse = cycle({ id: 'pulse-2027-03', title: 'Supervision pulse', opensOn: '2027-03-01', surveyKind: 'pulse', surveyId: 'supervision-spring' });
    const hidden = cycle({ id: 'pulse-2027-04', hasResults: false, surveyKind: 'pulse', opensOn: '2027-04-01' });
    expect(cycleGroups([hc, pulse, hidden]).map((g) => [g.label, g.cycles.map((c) => c.id)])).toEqual([
      ['Health Check', ['2026-27']],
      ['Pulse surveys', ['pulse-2027-03']],
    ]);
    expect(defaultCycle([pulse, hc])?.id).toBe('2026-27');
    expect(defaultCycle([pulse])?.id).toBe('pulse-2027-03');
    expect([hc, pulse].map(trendColumn)).toEqual(['2026', 'Supervision pulse']);
  });
});
