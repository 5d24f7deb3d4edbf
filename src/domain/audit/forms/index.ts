import { appendix1 } from './appendix1';
import { appendix2 } from './appendix2';
import { appendix3 } from './appendix3';
import { appendix4 } from './appendix4';
import type { AuditForm, AuditFormId, AuditItem, AuditSection } from './types';

export * from './types';
export { appendix1, appendix2, appendix3, appendix4 };

/** The four forms of the Practice Quality Assurance Framework, in appendix order. */
export const auditForms: readonly AuditForm[] = [appendix1, appendix2, appendix3, appendix4];

/** The form with this id, or undefined for an id that is not one of the four. */
export function formFor(id: string): AuditForm | undefined {
  return auditForms.find((f) => f.id === id);
}

export function isAuditFormId(id: string): id is AuditFormId {
  return auditForms.some((f) => f.id === id);
}

/** Every item of a form with the section it sits in, in form order. */
export function itemsOf(form: AuditForm): readonly { readonly section: AuditSection; readonly item: AuditItem }[] {
  return form.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}
