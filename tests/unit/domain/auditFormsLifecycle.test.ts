import { apply, check, newAuditRecord, type AuditActor, type AuditEvent, type AuditRecordState } from '../../../src/domain/audit/forms/lifecycle';

const lead: AuditActor = { personId: 'sup', relations: ['lead'] };
const subject: AuditActor = { personId: 'worker', relations: ['subject'] };
const manager: AuditActor = { personId: 'tm', relations: ['lead-line-manager'] };
const psw: AuditActor = { personId: 'psw', relations: ['psw'] };
const stranger: AuditActor = { personId: 'x', relations: [] };

function run(state: AuditRecordState, steps: readonly [AuditEvent, AuditActor][]): AuditRecordState {
  return steps.reduce((s, [event, actor], i) => {
    const t = apply(s, event, actor, `2025-01-0${i + 1}T10:00:00Z`);
    if (!t.ok) throw new Error(`${event}: ${t.error.message}`);
    return t.state;
  }, state);
}

const draft = newAuditRecord('sup', 'worker', false);
const submitted = run(draft, [['submit', lead]]);

describe('audit record lifecycle', () => {
  it('goes draft → submitted → amended → signed off, keeping a history', () => {
    const done = run(draft, [
      ['save-draft', lead],
      ['save-subject-part', subject],
      ['submit', lead],
      ['submit-subject-part', subject],
      ['amend', lead],
      ['sign-off', manager],
    ]);
    expect(done.status).toBe('signed-off');
    expect(done.revision).toBe(2);
    expect(done.submittedAt).toBe('2025-01-03T10:00:00Z');
    expect(done.signedOffBy).toBe('tm');
    expect(done.signedOffAt).toBe('2025-01-06T10:00:00Z');
    expect(done.history.map((h) => h.event)).toEqual(['save-draft', 'save-subject-part', 'submit', 'submit-subject-part', 'amend', 'sign-off']);
  });

  it('lets the PSW sign off', () => {
    expect(run(submitted, [['sign-off', psw]]).status).toBe('signed-off');
  });

  it('reopens the subject’s part when the lead amends', () => {
    const responded = run(submitted, [['submit-subject-part', subject]]);
    expect(responded.subjectSubmittedAt).toBeDefined();
    expect(run(responded, [['amend', lead]]).subjectSubmittedAt).toBeUndefined();
  });

  it.each<[string, AuditRecordState, AuditEvent, AuditActor, string, RegExp]>([
    ['the subject submitting the audit', draft, 'submit', subject, 'not-allowed', /Only the person leading the audit/],
    ['a stranger saving a draft', draft, 'save-draft', stranger, 'not-allowed', /Only the person leading the audit/],
    ['the lead writing the subject’s part', draft, 'save-subject-part', lead, 'not-allowed', /Only the person audited/],
    ['the lead signing off', submitted, 'sign-off', lead, 'not-allowed', /line manager or the Principal Social Worker/],
    ['the subject signing off', submitted, 'sign-off', subject, 'not-allowed', /line manager or the Principal Social Worker/],
    ['amending a draft', draft, 'amend', lead, 'wrong-status', /nothing to amend/],
    ['signing off a draft', draft, 'sign-off', manager, 'wrong-status', /until it has been submitted/],
    ['the subject submitting before the lead', draft, 'submit-subject-part', subject, 'wrong-status', /once the audit itself has been submitted/],
    ['submitting twice', submitted, 'submit', lead, 'wrong-status', /already been submitted; amend it/],
    ['saving a draft after submitting', submitted, 'save-draft', lead, 'wrong-status', /amend it instead/],
  ])('refuses %s', (_what, state, event, actor, code, message) => {
    const t = apply(state, event, actor, '2025-02-01T00:00:00Z');
    expect(t.ok).toBe(false);
    if (t.ok) return;
    expect(t.error.code).toBe(code);
    expect(t.error.message).toMatch(message);
  });

  it('refuses a manager signing off an audit they led or that is about their own work', () => {
    const own = newAuditRecord('tm', 'worker', false);
    const ownSubmitted = run(own, [['submit', { personId: 'tm', relations: ['lead', 'lead-line-manager'] }]]);
    expect(check(ownSubmitted, 'sign-off', { personId: 'tm', relations: ['lead', 'psw'] })?.code).toBe('own-audit');
    expect(check(submitted, 'sign-off', { personId: 'worker', relations: ['subject', 'psw'] })?.code).toBe('own-audit');
  });

  it('changes nothing after sign-off', () => {
    const done = run(submitted, [['sign-off', psw]]);
    for (const [event, actor] of [
      ['amend', lead],
      ['save-draft', lead],
      ['submit', lead],
      ['save-subject-part', subject],
      ['submit-subject-part', subject],
      ['sign-off', manager],
    ] as const) {
      const t = apply(done, event, actor, '2025-03-01T00:00:00Z');
      expect(t.ok).toBe(false);
      if (!t.ok) expect(t.error).toEqual({ code: 'wrong-status', message: expect.stringContaining('signed off and can no longer change') });
    }
  });

  it('an observation waits for the worker’s part (box 4) before sign-off', () => {
    const observed = run(newAuditRecord('sup', 'worker', true), [['submit', lead]]);
    const t = apply(observed, 'sign-off', manager, '2025-02-01T00:00:00Z');
    expect(t.ok ? undefined : t.error.code).toBe('subject-part-missing');
    expect(
      run(observed, [
        ['submit-subject-part', subject],
        ['sign-off', manager],
      ]).status,
    ).toBe('signed-off');
  });

  it('does not change the state it was given', () => {
    const before = JSON.stringify(draft);
    apply(draft, 'submit', lead, '2025-01-01T00:00:00Z');
    expect(JSON.stringify(draft)).toBe(before);
  });
});
