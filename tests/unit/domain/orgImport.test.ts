import { checkOrganisationRows, roleFromWords, type OrgRow } from '../../../src/domain/organisation/importRows';

const HEADER = { id: '', display_name: '', role: '', team: '', service_area: '', line_manager_id: '', supervisor_id: '' };

/** Rows as a CSV would give them: line 1 is the header, so people start on line 2. */
function rows(...people: Partial<typeof HEADER & { leaving_date: string }>[]): OrgRow[] {
  return people.map((p, i) => ({ line: i + 2, values: { ...HEADER, ...p } }));
}

const manager = { id: 'm1', display_name: 'Mina Manager', role: 'Team Manager', team: 'hospital', service_area: 'hospital-and-intake' };
const senior = { id: 's1', display_name: 'Sam Senior', role: 'Senior Practitioner', team: 'hospital', service_area: 'hospital-and-intake', line_manager_id: 'm1', supervisor_id: 'm1' };
const worker = { id: 'w1', display_name: 'Wren Worker', role: 'Social Worker', team: 'hospital', service_area: 'hospital-and-intake', line_manager_id: 'm1', supervisor_id: 's1' };

function problemsOf(input: OrgRow[]): { line: number; column?: string; message: string }[] {
  const result = checkOrganisationRows(input);
  if (result.ok) throw new Error('expected problems');
  return [...result.problems];
}

describe('organisation import rows', () => {
  it('accepts a good file and builds people and teams', () => {
    const result = checkOrganisationRows(rows(manager, senior, worker));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.organisation.teams).toEqual([{ id: 'hospital', name: 'Hospital', serviceArea: 'hospital-and-intake' }]);
    expect(result.organisation.people.map((p) => [p.id, p.role, p.lineManagerId, p.supervisorId])).toEqual([
      ['m1', 'team-manager', undefined, undefined],
      ['s1', 'senior-practitioner', 'm1', 'm1'],
      ['w1', 'social-worker', 'm1', 's1'],
    ]);
  });

  it.each([
    ['Social Worker', 'social-worker'],
    ['social-worker', 'social-worker'],
    ['Community Case Worker', 'social-care-professional'],
    ['COMMUNITY CASE WORKER', 'social-care-professional'],
    ['OT Assistant', 'ot-assistant'],
    ['occupational therapist', 'occupational-therapist'],
    ['Principal Social Worker', 'principal-social-worker'],
    ['PSW', 'principal-social-worker'],
    ['service_manager', 'service-manager'],
  ])('accepts the role "%s" as %s', (words, role) => {
    expect(roleFromWords(words)).toBe(role);
  });

  it('refuses an unknown role, naming it', () => {
    expect(problemsOf(rows(manager, senior, { ...worker, role: 'Wizard' }))).toEqual([{ line: 4, column: 'role', message: expect.stringContaining('"Wizard" is not a role') }]);
  });

  it('refuses a missing name', () => {
    expect(problemsOf(rows(manager, senior, { ...worker, display_name: '' }))).toEqual([{ line: 4, column: 'display_name', message: 'The name is missing for w1.' }]);
  });

  it('refuses a duplicate id, saying where it was first', () => {
    expect(problemsOf(rows(manager, senior, { ...worker, id: 's1', supervisor_id: 'm1' }))).toEqual([{ line: 4, column: 'id', message: 'The id "s1" is used twice (first on line 3).' }]);
  });

  it('refuses a line manager or supervisor who is not in the file', () => {
    expect(problemsOf(rows(manager, { ...worker, line_manager_id: 'nobody', supervisor_id: 'ghost' }))).toEqual([
      { line: 3, column: 'line_manager_id', message: 'The line manager "nobody" is not in the file.' },
      { line: 3, column: 'supervisor_id', message: 'The supervisor "ghost" is not in the file.' },
    ]);
  });

  it('refuses someone managing or supervising themselves', () => {
    expect(problemsOf(rows(manager, { ...worker, line_manager_id: 'w1', supervisor_id: 'w1' }))).toEqual([
      { line: 3, column: 'line_manager_id', message: 'Wren Worker is their own line manager.' },
      { line: 3, column: 'supervisor_id', message: 'Wren Worker is their own supervisor.' },
    ]);
  });

  it('refuses a management cycle A → B → A, once, in plain words', () => {
    const a = { ...manager, line_manager_id: 's1' };
    expect(problemsOf(rows(a, senior, worker))).toEqual([
      { line: 2, column: 'line_manager_id', message: 'Line management goes round in a circle: Mina Manager → Sam Senior → Mina Manager. Someone in it must report to someone outside it.' },
    ]);
  });

  it('refuses a supervision cycle too', () => {
    expect(problemsOf(rows(manager, { ...senior, supervisor_id: 'w1' }, worker))).toEqual([
      { line: 3, column: 'supervisor_id', message: expect.stringContaining('Supervision goes round in a circle: Sam Senior → Wren Worker → Sam Senior') },
    ]);
  });

  it('refuses a bad leaving date and keeps a good one', () => {
    expect(problemsOf(rows(manager, { ...worker, supervisor_id: '', leaving_date: '31/03/2027' }))).toEqual([
      { line: 3, column: 'leaving_date', message: 'The leaving date "31/03/2027" is not a date (YYYY-MM-DD).' },
    ]);
    const ok = checkOrganisationRows(rows(manager, { ...worker, supervisor_id: '', leaving_date: '2027-03-31' }));
    expect(ok.ok && ok.organisation.people[1]?.leftOn).toBe('2027-03-31');
  });

  it('refuses missing columns', () => {
    expect(problemsOf([{ line: 2, values: { id: 'x', display_name: 'X' } }])[0]?.message).toMatch(/no "role", "team", "service_area", "line_manager_id", "supervisor_id" columns/);
  });

  it('is all or nothing: one bad row among good ones gives no organisation, and every bad row is reported', () => {
    const result = checkOrganisationRows(rows(manager, senior, worker, { ...worker, id: 'w2', role: 'Wizard' }, { ...worker, id: 'w3', display_name: '' }));
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('organisation');
    expect(result.ok ? [] : result.problems.map((p) => p.line)).toEqual([5, 6]);
  });
});
