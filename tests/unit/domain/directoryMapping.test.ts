import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_TEAMS } from '../../../src/adapters/directory/demoDirectory';
import { DEFAULT_DIRECTORY_MAPPING, DEFAULT_TITLE_RULES, mapDirectoryUsers, parseDirectoryMapping, roleForTitle } from '../../../src/domain/organisation/directoryMapping';

describe('job titles to the council roles', () => {
  it.each([
    ['Senior Practitioner (Hospital)', 'senior-practitioner'],
    ['Senior Social Worker', 'senior-practitioner'],
    ['Social Worker', 'social-worker'],
    ['Occupational Therapy Assistant', 'ot-assistant'],
    ['Occupational Therapist - Band 6', 'occupational-therapist'],
    ['Team Manager, Intake', 'team-manager'],
    ['Principal Social Worker (Adults)', 'principal-social-worker'],
    ['Head of Service - Adults', 'service-manager'],
    ['Community Case Worker', 'social-care-professional'],
  ])('"%s" is %s', (title, role) => {
    expect(roleForTitle(title, DEFAULT_TITLE_RULES)).toBe(role);
  });

  it('maps nothing from an empty or unknown title', () => {
    expect(roleForTitle('', DEFAULT_TITLE_RULES)).toBeUndefined();
    expect(roleForTitle('Highways Engineer', DEFAULT_TITLE_RULES)).toBeUndefined();
  });
});

describe('mapping a tenant with the built-in titles only', () => {
  const users = [
    { id: 'a', displayName: 'Ana', jobTitle: 'Team Manager', department: 'Hospital Social Work' },
    { id: 'b', displayName: 'Bo', jobTitle: 'Social Worker', department: 'Hospital Social Work', managerId: 'a' },
    { id: 'c', displayName: 'Cy', jobTitle: 'Service Manager', department: 'Adults', managerId: 'z' },
    { id: 'd', displayName: 'Di', jobTitle: 'Accountant', department: 'Finance', managerId: 'z' },
    { id: 'e', displayName: 'Ed', jobTitle: 'Accountant', department: 'Finance' },
  ];

  it('makes teams from departments (not for service managers), supervision from line management, and counts the titles it left out', () => {
    const { organisation, report } = mapDirectoryUsers(users, DEFAULT_DIRECTORY_MAPPING);
    expect(organisation.teams).toEqual([{ id: 'hospital-social-work', name: 'Hospital Social Work', serviceArea: 'adult-social-care' }]);
    expect(organisation.people.find((p) => p.id === 'b')).toMatchObject({ teamId: 'hospital-social-work', lineManagerId: 'a', supervisorId: 'a' });
    expect(organisation.people.find((p) => p.id === 'c')).toMatchObject({ teamId: undefined, lineManagerId: undefined });
    expect(report).toMatchObject({ people: 3, managerOutside: 1, unmapped: [], unmappedTitles: [{ title: 'Accountant', people: 2 }] });
  });

  it('refuses management in a circle, by name', () => {
    const circle = [
      { id: 'a', displayName: 'Ana', jobTitle: 'Team Manager', managerId: 'b' },
      { id: 'b', displayName: 'Bo', jobTitle: 'Service Manager', managerId: 'a' },
    ];
    expect(mapDirectoryUsers(circle, DEFAULT_DIRECTORY_MAPPING).report.problems).toContain('Line management goes round in a circle: Ana → Bo → Ana. Someone in it must report to someone outside it.');
  });
});

describe('the mapping file', () => {
  it('accepts roles in the council words, and keeps the built-in titles when it gives none', () => {
    const parsed = parseDirectoryMapping({
      titles: [{ contains: 'Care Coordinator', role: 'Social Care Professional' }],
      teams: [{ id: 'intake', name: 'Intake', serviceArea: 'hospital-and-intake', departments: ['ASC Intake'] }],
    });
    expect(parsed).toMatchObject({ ok: true, mapping: { titles: [{ contains: 'Care Coordinator', role: 'social-care-professional' }], teams: [{ id: 'intake', departments: ['ASC Intake'] }] } });
    expect(parseDirectoryMapping({})).toMatchObject({ ok: true, mapping: { titles: DEFAULT_TITLE_RULES } });
  });

  it('says what is wrong in plain words', () => {
    const parsed = parseDirectoryMapping({
      titel: [],
      teams: [
        { id: 'a', departments: ['X'] },
        { id: 'b', departments: ['x'] },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toContain('"titel" is not something the mapping understands (expected titles, teams, serviceDepartments, defaultServiceArea).');
    expect(parsed.problems).toContain('The department "x" is in two teams (a and b).');
  });
});

describe('the example mapping in docs/', () => {
  it('is valid, and names the demo teams by their survey ids', () => {
    const parsed = parseDirectoryMapping(JSON.parse(fs.readFileSync(path.join(__dirname, '../../../docs/directory-mapping.example.json'), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.mapping.teams?.map((t) => t.id).sort()).toEqual(DEMO_TEAMS.map((t) => t.id).sort());
  });
});
