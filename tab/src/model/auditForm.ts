/**
 * An audit form in the tab: the same definitions and checks as the bot's cards (the pure
 * domain's forms and validateAuditForm). Answers are edited as the card sends them
 * (`{ rating, comment }`, a string, or `[{ action, owner, due }]`) and stored as the domain's.
 */
import { validateAuditForm, type AuditAnswerError } from '../../../src/domain/audit/forms/validate';
import type { AuditAction, AuditAnswers, AuditForm, AuditItem, AuditPart, AuditSection, Rating } from '../../../src/domain/audit/forms/types';

export type { AuditAction, AuditAnswerError, AuditForm, AuditItem, AuditPart, AuditSection, Rating };

export type EditValue = { readonly rating?: Rating; readonly comment?: string } | string | readonly AuditAction[];
export type EditAnswers = Readonly<Record<string, EditValue>>;

/** Stored answers → what the form's fields show. */
export function toEdit(answers: AuditAnswers | undefined): Record<string, EditValue> {
  const out: Record<string, EditValue> = {};
  for (const [id, a] of Object.entries(answers ?? {})) {
    if (a.kind === 'rating') out[id] = a.comment === undefined ? { rating: a.rating } : { rating: a.rating, comment: a.comment };
    else if (a.kind === 'text') out[id] = a.text;
    else out[id] = a.actions;
  }
  return out;
}

/** Blank fields are "not answered": they are left out, as the card leaves them out. */
export function toRequest(edit: EditAnswers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, v] of Object.entries(edit)) {
    if (typeof v === 'string') {
      if (v.trim() !== '') out[id] = v;
    } else if (Array.isArray(v)) {
      const rows = (v as readonly AuditAction[]).filter((r) => r.action.trim() !== '' || r.owner.trim() !== '' || r.due !== '');
      out[id] = rows;
    } else {
      const r = v as { rating?: Rating; comment?: string };
      if (r.rating || (r.comment && r.comment.trim() !== '')) out[id] = { ...(r.rating ? { rating: r.rating } : {}), ...(r.comment && r.comment.trim() !== '' ? { comment: r.comment } : {}) };
    }
  }
  return out;
}

export function sectionsFor(form: AuditForm, part: AuditPart): AuditSection[] {
  return form.sections.filter((s) => s.part === part);
}

export function checkAudit(form: AuditForm, part: AuditPart, edit: EditAnswers, mode: 'draft' | 'submit'): readonly AuditAnswerError[] {
  const v = validateAuditForm(form, toRequest(edit), { mode, part });
  return v.ok ? [] : v.errors;
}
