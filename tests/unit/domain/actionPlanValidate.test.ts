import { checkAction, checkYouSaidWeDid, type ActionContext } from '../../../src/domain/actionPlan/validate';
import type { ActionFields } from '../../../src/domain/actionPlan/types';
import { asIsoDate } from '../../../src/domain/shared/brand';

const context: ActionContext = {
  isPerson: (id) => id === 'demo-007' || id === 'demo-001',
  isQuestion: (id) => id === 'caseload-fair',
  isCycle: (id) => id === '2025-26',
  isAudit: (id) => id === '2026/practice-standards-audit/person:demo-010/1',
};

const stored: ActionFields = { what: 'Protected time', ownerId: 'demo-007', due: asIsoDate('2027-04-30'), status: 'in-progress', link: { kind: 'none' }, progress: 'Started.' };

describe('checking an action', () => {
  it('accepts a complete action, trimming it, defaulting status, link and progress', () => {
    expect(checkAction({ what: '  Protected time  ', ownerId: 'demo-007', due: '2027-04-30' }, context)).toEqual({
      ok: true,
      fields: { what: 'Protected time', ownerId: 'demo-007', due: '2027-04-30', status: 'not-started', link: { kind: 'none' }, progress: '' },
    });
  });

  it('reports every missing or wrong field at once, in words', () => {
    const result = checkAction({ what: 'x'.repeat(501), ownerId: 'stranger', due: '2027-02-30', status: 'later', progress: 7, link: { kind: 'audit', auditId: 'nope' } }, context);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.fromEntries(result.errors.map((e) => [e.field, e.message]))).toEqual({
        what: 'Keep what will be done to 500 characters (this is 501).',
        ownerId: 'The owner must be someone in the directory.',
        due: '"2027-02-30" is not a date: write it as YYYY-MM-DD, e.g. 2026-09-30.',
        status: 'The status must be not started, in progress, done or dropped.',
        progress: 'Progress must be text.',
        link: 'That audit could not be found.',
      });
    }
    expect(checkAction(null, context)).toMatchObject({ ok: false });
    expect(checkAction({}, context)).toMatchObject({ ok: false, errors: [{ field: 'what' }, { field: 'ownerId' }, { field: 'due' }] });
  });

  it('keeps what a change does not mention, and checks what it does', () => {
    expect(checkAction({ status: 'done' }, context, stored)).toEqual({ ok: true, fields: { ...stored, status: 'done' } });
    expect(checkAction({ link: { kind: 'question', questionId: 'caseload-fair', cycleId: '2025-26' } }, context, stored)).toMatchObject({
      ok: true,
      fields: { link: { kind: 'question', questionId: 'caseload-fair', cycleId: '2025-26' } },
    });
    expect(checkAction({ link: { kind: 'question', questionId: 'caseload-fair', cycleId: '1999-00' } }, context, stored)).toMatchObject({ ok: false, errors: [{ field: 'link' }] });
    expect(checkAction({ link: null }, context, { ...stored, link: { kind: 'question', questionId: 'caseload-fair' } })).toMatchObject({ ok: true, fields: { link: { kind: 'none' } } });
    expect(checkAction({ what: '' }, context, stored)).toMatchObject({ ok: false, errors: [{ field: 'what' }] });
  });
});

describe('checking "You said, we did"', () => {
  const isAction = (id: string) => id === 'act-1';
  it('needs a message of at most 2,000 characters and known actions, each once', () => {
    expect(checkYouSaidWeDid({ message: ' We did. ', actionIds: ['act-1', 'act-1'] }, isAction)).toEqual({ ok: true, message: 'We did.', actionIds: ['act-1'] });
    expect(checkYouSaidWeDid({ message: '' }, isAction)).toMatchObject({ ok: false, errors: [{ field: 'message' }] });
    expect(checkYouSaidWeDid({ message: 'x'.repeat(2001) }, isAction)).toMatchObject({ ok: false, errors: [{ field: 'message' }] });
    expect(checkYouSaidWeDid({ message: 'ok', actionIds: ['act-2'] }, isAction)).toMatchObject({ ok: false, errors: [{ field: 'actionIds', message: 'There is no action "act-2".' }] });
    expect(checkYouSaidWeDid({ message: 'ok', actionIds: 'act-1' }, isAction)).toMatchObject({ ok: false, errors: [{ field: 'actionIds' }] });
  });
});
