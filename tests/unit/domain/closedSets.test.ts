import { LISTS, SYNCED_LISTS } from '../../../src/adapters/sharepoint/schema';
import { AUDIT_FORM_IDS, auditForms, isAuditFormId } from '../../../src/domain/audit/forms';
import { DEFAULT_AUDIT_RULES } from '../../../src/domain/audit/plan/rules';

/** A closed set is written down once; everything else that lists it must agree with that one list. */
describe('each closed set, defined once', () => {
  it('audit forms: the forms defined are exactly AUDIT_FORM_IDS, in appendix order, and the plan names no other', () => {
    expect(auditForms.map((f) => f.id)).toEqual([...AUDIT_FORM_IDS]);
    for (const id of AUDIT_FORM_IDS) expect(isAuditFormId(id)).toBe(true);
    expect(isAuditFormId('appendix-5')).toBe(false);
    const planned = DEFAULT_AUDIT_RULES.rules.flatMap((r) => [r.form.default, ...Object.values(r.form.byRole ?? {})]).filter((id) => id !== null);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.filter((id) => !(AUDIT_FORM_IDS as readonly string[]).includes(id))).toEqual([]);
  });

  it('SharePoint lists: one spec for every list the adapter syncs, in the same order', () => {
    expect(LISTS.map((l) => l.name)).toEqual([...SYNCED_LISTS]);
  });
});
