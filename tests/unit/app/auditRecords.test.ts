import { AuditAnswersRefused, AuditRecordService } from '../../../src/app/auditRecords';
import { UserFacingError } from '../../../src/app/errors';
import { practiceStandardsAuditSocialWork, itemsOf } from '../../../src/domain/audit/forms';
import type { AuditTaskStore } from '../../../src/ports/audits';
import type { AuditRecordStore } from '../../../src/ports/auditRecords';
import { directory, OBSERVATION, openAuditWorld, STANDARDS, SUPERVISION } from '../../fixtures/auditWorld';
import { TestClock } from '../../fixtures/testClock';

/** Every required item of Appendix 2 answered "yes", and no actions. */
const complete2: Record<string, unknown> = Object.fromEntries(
  itemsOf(practiceStandardsAuditSocialWork).map(({ item }) => [
    item.id,
    item.kind === 'rating' ? { rating: 'yes', comment: 'Seen in the record' } : item.kind === 'actions' ? [] : 'Case 123, seen on 1 October',
  ]),
);

async function refusal(p: Promise<unknown>): Promise<UserFacingError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe('audit records: filling in, submitting, amending, signing off', () => {
  let tasks: AuditTaskStore;
  let records: AuditRecordStore;
  let close: () => Promise<void>;
  let clock: TestClock;
  let service: AuditRecordService;
  beforeEach(async () => {
    ({ tasks, records, close } = await openAuditWorld());
    clock = new TestClock(new Date('2026-10-05T10:00:00Z'));
    service = new AuditRecordService(records, tasks, directory, clock);
  });
  afterEach(() => close());

  it('lets the auditor save a draft, a page at a time, and records who and when', async () => {
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 123' });
    clock.set('2026-10-06T10:00:00Z');
    const record = await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'record-coherent': { rating: 'partly', comment: 'Some gaps' } });
    expect(record.answers.auditor).toEqual({
      'case-identifier': { kind: 'text', text: 'Case 123' },
      'record-coherent': { kind: 'rating', rating: 'partly', comment: 'Some gaps' },
    });
    expect(record.state.status).toBe('draft');
    expect(record.state.history).toEqual([
      { event: 'save-draft', by: 'sup', at: '2026-10-05T10:00:00.000Z' },
      { event: 'save-draft', by: 'sup', at: '2026-10-06T10:00:00.000Z' },
    ]);
    expect(record.version).toBe(2);
  });

  it('clears an answer that is blanked on a later save', async () => {
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 123', 'what-was-good': 'Clear plan' });
    const record = await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'what-was-good': '' });
    expect(record.answers.auditor).toEqual({ 'case-identifier': { kind: 'text', text: 'Case 123' } });
  });

  it('refuses a draft from anyone but the auditor, and a part the form does not have', async () => {
    expect((await refusal(service.saveDraft(STANDARDS.id, 'sw', 'auditor', {}))).message).toMatch(/Only the person leading the audit/);
    expect((await refusal(service.saveDraft(STANDARDS.id, 'tm', 'auditor', {}))).message).toMatch(/Only the person leading the audit/);
    expect((await refusal(service.saveDraft(STANDARDS.id, 'sw', 'subject', {}))).message).toMatch(/no part for the person audited/);
    expect((await refusal(service.saveDraft(STANDARDS.id, 'sup', 'observer', {}))).message).toMatch(/no part for the observer/);
    expect(await records.get(STANDARDS.id)).toBeUndefined();
  });

  it('refuses an unknown task in plain words', async () => {
    expect((await refusal(service.saveDraft('no-such-task', 'sup', 'auditor', {}))).message).toMatch(/could not be found/);
  });

  it('refuses a submit with missing answers, naming each one, and leaves the task open', async () => {
    const error = await refusal(service.submit(STANDARDS.id, 'sup', { 'case-identifier': 'Case 123', 'record-coherent': 'no' }));
    expect(error).toBeInstanceOf(AuditAnswersRefused);
    const errors = (error as AuditAnswersRefused).errors;
    expect(errors.find((e) => e.itemId === 'record-coherent')?.code).toBe('comment-required');
    expect(errors.some((e) => e.itemId === 'advocacy-considered' && e.code === 'required')).toBe(true);
    expect(error.details.length).toBe(errors.length);
    expect((await tasks.get(STANDARDS.id))?.status).toBe('planned');
  });

  it('on submit, completes the audit task on the day', async () => {
    const record = await service.submit(STANDARDS.id, 'sup', complete2);
    expect(record.state).toMatchObject({ status: 'submitted', revision: 1, submittedAt: '2026-10-05T10:00:00.000Z' });
    expect(await tasks.get(STANDARDS.id)).toMatchObject({ status: 'completed', completedOn: '2026-10-05' });
  });

  it('submits what was saved in drafts plus what the last page sends', async () => {
    const { 'what-was-good': good, ...rest } = complete2;
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', rest);
    const record = await service.submit(STANDARDS.id, 'sup', { 'what-was-good': good });
    expect(record.state.status).toBe('submitted');
  });

  it('refuses a second submit and a draft after submitting, but lets the auditor amend', async () => {
    await service.submit(STANDARDS.id, 'sup', complete2);
    expect((await refusal(service.submit(STANDARDS.id, 'sup', complete2))).message).toMatch(/already been submitted; amend it instead/);
    expect((await refusal(service.saveDraft(STANDARDS.id, 'sup', 'auditor', {}))).message).toMatch(/amend it instead/);
    const amended = await service.amend(STANDARDS.id, 'sup', { 'what-was-good': 'A clear, personal plan' });
    expect(amended.state.revision).toBe(2);
    expect(amended.answers.auditor?.['what-was-good']).toEqual({ kind: 'text', text: 'A clear, personal plan' });
    expect(amended.state.history.map((e) => e.event)).toEqual(['submit', 'amend']);
  });

  it('refuses an amendment before submitting, by anyone else, or that leaves a required answer empty', async () => {
    expect((await refusal(service.amend(STANDARDS.id, 'sup', {}))).message).toMatch(/nothing to amend/);
    await service.submit(STANDARDS.id, 'sup', complete2);
    expect((await refusal(service.amend(STANDARDS.id, 'sw', {}))).message).toMatch(/Only the person leading the audit/);
    expect(await refusal(service.amend(STANDARDS.id, 'sup', { 'case-identifier': '' }))).toBeInstanceOf(AuditAnswersRefused);
  });

  it('signs off by the auditor’s line manager or the PSW only, and nothing changes after', async () => {
    expect((await refusal(service.signOff(STANDARDS.id, 'tm'))).message).toMatch(/until it has been submitted/);
    await service.submit(STANDARDS.id, 'sup', complete2);
    expect((await refusal(service.signOff(STANDARDS.id, 'sup'))).message).toMatch(/line manager or the Principal Social Worker/);
    expect((await refusal(service.signOff(STANDARDS.id, 'sw'))).message).toMatch(/line manager or the Principal Social Worker/);
    expect((await refusal(service.signOff(STANDARDS.id, 'other'))).message).toMatch(/line manager or the Principal Social Worker/);
    expect((await refusal(service.signOff(STANDARDS.id, 'sm'))).message).toMatch(/line manager or the Principal Social Worker/);
    const signed = await service.signOff(STANDARDS.id, 'tm');
    expect(signed.state).toMatchObject({ status: 'signed-off', signedOffBy: 'tm' });
    expect((await refusal(service.amend(STANDARDS.id, 'sup', {}))).message).toMatch(/signed off and can no longer change/);
    expect((await refusal(service.signOff(STANDARDS.id, 'psw'))).message).toMatch(/signed off/);
  });

  it('lets the PSW sign off', async () => {
    await service.submit(STANDARDS.id, 'sup', complete2);
    expect((await service.signOff(STANDARDS.id, 'psw')).state.signedOffBy).toBe('psw');
  });

  it('Appendix 1: the supervisor audited comments once the audit is submitted', async () => {
    await service.saveDraft(SUPERVISION.id, 'sup', 'subject', { 'subject-comments': 'Thinking about it' });
    expect((await refusal(service.addSubjectComments(SUPERVISION.id, 'sup', {}))).message).toMatch(/once the audit itself has been submitted/);
    expect((await refusal(service.saveDraft(SUPERVISION.id, 'tm', 'subject', {}))).message).toMatch(/Only the person audited/);
    await service.submit(SUPERVISION.id, 'tm', { 'general-comments': 'Regular and reflective.', 'actions-arising': [{ action: 'Book training', owner: 'sup', due: '2026-12-01' }] });
    expect((await refusal(service.addSubjectComments(SUPERVISION.id, 'sw', { 'subject-comments': 'x' }))).message).toMatch(/Only the person audited/);
    const record = await service.addSubjectComments(SUPERVISION.id, 'sup', { 'subject-comments': 'Agreed, thank you.' });
    expect(record.answers.subject).toEqual({ 'subject-comments': { kind: 'text', text: 'Agreed, thank you.' } });
    expect(record.state.subjectSubmittedAt).toBeDefined();
    // tm leads this audit, so tm's line manager (sm) or the PSW signs it off.
    expect((await refusal(service.signOff(SUPERVISION.id, 'tm'))).message).toMatch(/line manager or the Principal Social Worker/);
    expect((await service.signOff(SUPERVISION.id, 'sm')).state.status).toBe('signed-off');
  });

  it('Appendix 4: the worker fills boxes 1–3 before the report, box 4 after it, and sign-off waits for them', async () => {
    await service.saveDraft(OBSERVATION.id, 'ot', 'worker', { background: 'Home visit', planning: 'Planned with the family', reflections: 'Went well' });
    const early = await refusal(service.saveDraft(OBSERVATION.id, 'ot', 'worker', { 'critical-reflection': 'Too soon' }));
    expect(early).toBeInstanceOf(AuditAnswersRefused);
    expect((early as AuditAnswersRefused).errors[0]?.code).toBe('not-yet');
    await service.submit(OBSERVATION.id, 'sup', { 'observation-setting': 'Home', 'capability-assessment': 'Capable', 'action-plan': [] });
    expect((await refusal(service.signOff(OBSERVATION.id, 'tm'))).message).toMatch(/has not yet submitted their part/);
    await service.addSubjectComments(OBSERVATION.id, 'ot', { 'critical-reflection': 'I will plan more time for the carer.' });
    expect((await service.signOff(OBSERVATION.id, 'tm')).state.status).toBe('signed-off');
  });

  it('refuses a change when the record moved on under it (someone else saved first)', async () => {
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 1' });
    // A second copy of the service reads the record, then the first writes, then the second.
    const stale = await records.get(STANDARDS.id);
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 2' });
    const racing = new AuditRecordService({ get: async () => stale, put: (r, v) => records.put(r, v) }, tasks, directory, clock);
    expect((await refusal(racing.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 3' }))).message).toMatch(/Someone else changed this audit/);
    expect((await records.get(STANDARDS.id))?.answers.auditor?.['case-identifier']).toEqual({ kind: 'text', text: 'Case 2' });
  });

  it('refuses anything on a cancelled task', async () => {
    await tasks.setStatus(STANDARDS.id, 'cancelled', '2026-10-01' as never, 'subject-left');
    expect((await refusal(service.saveDraft(STANDARDS.id, 'sup', 'auditor', {}))).message).toMatch(/cancelled/);
  });
});

describe('audit records: who may see them', () => {
  let close: () => Promise<void>;
  let service: AuditRecordService;
  beforeEach(async () => {
    const world = await openAuditWorld();
    close = world.close;
    service = new AuditRecordService(world.records, world.tasks, directory, new TestClock(new Date('2026-10-05T10:00:00Z')));
    await service.saveDraft(STANDARDS.id, 'sup', 'auditor', { 'case-identifier': 'Case 123' });
  });
  afterEach(() => close());

  it.each([
    ['the auditor', 'sup'],
    ['the person audited', 'sw'],
    ['their line manager’s manager', 'tm'],
    ['the service manager above them', 'sm'],
    ['the PSW', 'psw'],
  ])('shows the audit to %s', async (_who, viewer) => {
    const view = await service.view(STANDARDS.id, viewer);
    expect(view.record?.answers.auditor?.['case-identifier']).toEqual({ kind: 'text', text: 'Case 123' });
    expect(view.form.id).toBe('appendix-2');
  });

  it('tells the viewer how they relate to it', async () => {
    expect((await service.view(STANDARDS.id, 'sup')).relations).toEqual(['lead']);
    expect((await service.view(STANDARDS.id, 'tm')).relations).toEqual(['lead-line-manager']);
    expect((await service.view(STANDARDS.id, 'psw')).relations).toEqual(['psw']);
  });

  it.each([
    ['an unrelated colleague', 'other'],
    ['another team manager', 'tm2'],
    ['a colleague supervised by the same person', 'ot'],
    ['someone not in the directory', 'stranger'],
  ])('refuses %s plainly', async (_who, viewer) => {
    const error = await refusal(service.view(STANDARDS.id, viewer));
    expect(error.message).toBe('You cannot see this audit. Audits are seen only by the auditor, the person audited, their managers and the Principal Social Worker.');
  });

  it('gives an outsider the same refusal for a task that does not exist', async () => {
    expect((await refusal(service.view('no-such-task', 'other'))).message).toMatch(/You cannot see this audit/);
  });
});
