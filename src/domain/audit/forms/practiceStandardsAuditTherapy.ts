import { actions, rating } from './build';
import { caseSection, practiceStandardsHeader, sharedStandards } from './practiceStandardsCommon';
import type { AuditForm } from './types';

/**
 * Appendix 3: Therapy Services Practice Standards Audit, the internally designed tool for
 * occupational therapists and OT assistants. Same rules as Appendix 2 (see there): ratings
 * need a comment unless Yes; 14 always; 10 and 16 may be left blank when they do not apply.
 *
 * Wording is the council's; fixed only: the missing "1." and question 7, split across a page
 * break in the seed; "extend" → "extent" (9); "rational" → "rationale" (18); and the Act's
 * name (11): the Housing Grants, Construction and Regeneration Act 1996.
 */
export const practiceStandardsAuditTherapy: AuditForm = {
  id: 'appendix-3',
  version: 1,
  title: 'Therapy Services Practice Standards Audit',
  lead: 'auditor',
  subject: 'subject',
  parts: ['auditor'],
  header: practiceStandardsHeader,
  sections: [
    caseSection,
    {
      id: 'standards',
      title: 'Practice standards',
      part: 'auditor',
      items: [
        rating('record-coherent', '1', 'Is the record coherent and the person and circumstances clear to understand? Is the case recording up to date?'),
        rating(
          'occupation-health-wellbeing',
          '2',
          'Does the assessment demonstrate the inter-relationship between occupation and health and wellbeing:- assessing occupational needs; facilitating occupational performance; analysing and prioritising these with the person?',
        ),
        rating(
          'actions-personalised-outcomes',
          '3',
          'Do the actions and next steps reflect client centred personalised approaches and does it outline that the interventions are supporting the person to live the life they want, focusing on their outcomes?',
        ),
        rating('person-involved', '4', 'Is there evidence that the person has been fully involved in the assessment, decision making and support planning?'),
        rating('therapeutic-relationship', '5', 'Is there evidence of a therapeutic relationship building as part of a range of interventions?'),
        rating('risk-analysis', '6', 'Does the assessment provide a sound analysis of risk and detail how this is going to be managed?'),
        rating('preventative-focus', '7', 'Is there evidence that there is a focus on preventative measures to promote well-being and independence?'),
        rating(
          'family-carers-involved',
          '8',
          'Is there evidence that family members, carers and significant others have been involved in the assessment process, decision making and action support planning?',
        ),
        rating(
          'evidence-based-practice',
          '9',
          'To what extent does the case file demonstrate that the intervention is based upon evidence-based practice, taking account of most efficient and effective interventions?',
        ),
        rating('safeguarding-managed', '10', 'Has safeguarding concerns and risks been fully considered and managed?', { required: false }),
        rating(
          'prevention-principles-legislation',
          '11',
          'Is there evidence that practice and rationale has been guided by well-being and prevention principles in the appliance of legislative duties under Housing Grants, Construction and Regeneration Act 1996?',
        ),
        ...sharedStandards,
        actions('action-plan', 'Action plan following the practice standards audit (if applicable)', {
          number: '20',
          hint: 'Have areas of development/learning needs been identified? What action needs to be taken to address these? Are there any other outstanding issues?',
        }),
      ],
    },
  ],
  signOffNeedsSubjectPart: false,
};
