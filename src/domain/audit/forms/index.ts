import { staffSupervisionAudit } from './staffSupervisionAudit';
import { practiceStandardsAuditSocialWork } from './practiceStandardsAuditSocialWork';
import { practiceStandardsAuditTherapy } from './practiceStandardsAuditTherapy';
import { practiceObservation } from './practiceObservation';
import type { AuditForm, AuditFormId, AuditItem, AuditSection } from './types';

export * from './types';
export { staffSupervisionAudit, practiceStandardsAuditSocialWork, practiceStandardsAuditTherapy, practiceObservation };

/** The four forms of the Practice Quality Assurance Framework, in appendix order. */
export const auditForms: readonly AuditForm[] = [staffSupervisionAudit, practiceStandardsAuditSocialWork, practiceStandardsAuditTherapy, practiceObservation];

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
