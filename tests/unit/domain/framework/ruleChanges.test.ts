import { demoOrganisation } from '../../../../src/adapters/directory/demoDirectory';
import { planYearWithFindings } from '../../../../src/domain/audit/plan/plan';
import { checkRulesChange, describeRulesChange, planDifference, tasksToReissue, windowWords } from '../../../../src/domain/audit/plan/ruleChanges';
import { DEFAULT_AUDIT_RULES, type AuditPlanRules } from '../../../../src/domain/audit/plan/rules';
import { ACTIVITY_WORKFLOWS, workflowLink, workflowWords } from '../../../../src/domain/framework/workflow';
import { asIsoDate } from '../../../../src/domain/shared/brand';

const changed = (input: object): AuditPlanRules => {
  const c = checkRulesChange(input, DEFAULT_AUDIT_RULES);
  if (!c.ok) throw new Error(JSON.stringify(c.errors));
  return c.value;
};

describe("changing the annual audit plan's rules", () => {
  it('changes how often, the months and an organisational lead, and says so in words', () => {
    const after = changed({
      rules: [
        { activity: 'practice-standards-audit', frequency: 1 },
        { activity: 'national-standards-audit', window: { from: 7, to: 9 }, leadRole: 'service-manager' },
      ],
      maxDuePerAuditorPerWeek: 3,
      closedDays: ['2026-08-31', '2026-05-25'],
    });
    expect(describeRulesChange(DEFAULT_AUDIT_RULES, after)).toEqual([
      'Practice standards audit: twice a year → once a year',
      'National professional standards audit: October – December → July – September',
      'National professional standards audit: led by the principal social worker → the service manager',
      'At most 2 → 3 audits due per auditor per week',
      'Closed days added: 2026-05-25, 2026-08-31',
    ]);
    expect(after.rules.find((r) => r.activity === 'supervision-audit')).toEqual(DEFAULT_AUDIT_RULES.rules.find((r) => r.activity === 'supervision-audit'));
    expect(windowWords({ from: 4, to: 3 })).toBe('the whole year');
  });

  it('refuses what the framework cannot take, by field', () => {
    const c = checkRulesChange(
      {
        rules: [{ activity: 'tea-rota' }, { activity: 'supervision-audit', frequency: 3, leadRole: 'team-manager' }, { activity: 'thematic-review', window: { from: 10, to: 11 } }],
        maxDuePerAuditorPerWeek: 0,
        closedDays: ['2026-02-30'],
      },
      DEFAULT_AUDIT_RULES,
    );
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.errors.map((e) => e.field)).toEqual([
      'maxDuePerAuditorPerWeek',
      'closedDays',
      'rules.0',
      'rules.supervision-audit.frequency',
      'rules.supervision-audit.leadRole',
      'rules.thematic-review.window',
    ]);
    expect(c.errors.at(-1)?.message).toBe('Thematic practice review: four times a year needs at least 4 months; October – November has 2.');
    expect(checkRulesChange({}, DEFAULT_AUDIT_RULES).ok).toBe(false);
  });

  it('moves planned audits whose months changed, leaves begun ones, and counts what would change', () => {
    const organisation = demoOrganisation();
    const today = asIsoDate('2026-05-01');
    const before = planYearWithFindings({ rules: DEFAULT_AUDIT_RULES, organisation, year: 2026, seed: 7, today }).tasks;
    const begun = before.find((t) => t.activity === 'national-standards-audit')!;
    const tasks = before.map((t) => (t.id === begun.id ? { ...t, status: 'in-progress' as const } : t));
    const after = changed({
      rules: [
        { activity: 'caseload-workload-audit', window: { from: 7, to: 9 } },
        { activity: 'national-standards-audit', window: { from: 7, to: 9 } },
        { activity: 'practice-standards-audit', frequency: 1 },
      ],
    });
    const moving = tasksToReissue(DEFAULT_AUDIT_RULES, after, tasks, 2026);
    expect(moving.length).toBe(organisation.teams.length);
    expect(moving.every((t) => t.activity === 'caseload-workload-audit')).toBe(true);
    const existing = tasks.map((t) => (moving.some((m) => m.id === t.id) ? { ...t, status: 'cancelled' as const, cancelledReason: 'no-longer-required' as const } : t));
    const replanned = planYearWithFindings({ rules: after, organisation, year: 2026, seed: 7, existing, today }).tasks;
    const diff = planDifference(tasks, replanned, after);
    expect(diff.find((d) => d.activity === 'caseload-workload-audit')).toMatchObject({ moved: organisation.teams.length, added: 0, cancelled: 0 });
    const second = before.filter((t) => t.activity === 'practice-standards-audit' && t.occurrence === 2).length;
    expect(diff.find((d) => d.activity === 'practice-standards-audit')).toMatchObject({ cancelled: second, added: 0, moved: 0 });
    expect(diff.find((d) => d.activity === 'national-standards-audit')).toMatchObject({ moved: 0, kept: 1 });
    for (const t of replanned.filter((x) => x.activity === 'caseload-workload-audit' && x.status === 'planned')) expect(t.due >= '2026-07-01' && t.due <= '2026-09-30').toBe(true);
  });
});

describe('the workflow of every activity', () => {
  it('is somewhere in the tab for each of Appendix 6', () => {
    for (const rule of DEFAULT_AUDIT_RULES.rules) {
      expect(ACTIVITY_WORKFLOWS[rule.activity]).toBeDefined();
      const link = workflowLink({ id: 'x' as never, activity: rule.activity, year: 2026, occurrence: 2 });
      expect(link.page).toEqual(expect.any(String));
      expect(workflowWords(rule.activity, rule.title)).not.toMatch(/no form/);
    }
    expect(workflowLink({ id: 'x' as never, activity: 'thematic-review', year: 2026, occurrence: 2 })).toEqual({
      page: 'reviews',
      params: { year: '2026', slot: '2' },
      label: 'Open the thematic review',
    });
  });
});
