import { actions, rating } from './build';
import { caseSection, practiceStandardsHeader, sharedStandards } from './practiceStandardsCommon';
import type { AuditForm } from './types';

/**
 * Appendix 2: Adult Services Practice Standards Audit, for social work and social care
 * staff (the regionally agreed West Midlands peer challenge tool). Led by the operational
 * supervisor twice a year, in supervision, with the allocated worker.
 *
 * Questions 1–18 are rated Yes / Partly / No. A Partly or No needs a comment saying what is
 * missing (the framework's aim is to "identify gaps and learning", and Appendix 1's table
 * heads its comment column "Comments (if required)"); a Yes may have one. Question 14 asks
 * for an impression, so its comment is always required. Questions 10 and 16 only apply to
 * safeguarding and transferred cases, so they may be left blank.
 *
 * Wording is the council's; fixed only: "extend" → "extent" (9), "rational" → "rationale"
 * (18), and question 4's line repeated in the seed by a page break.
 */
export const practiceStandardsAuditSocialWork: AuditForm = {
  id: 'appendix-2',
  version: 1,
  title: 'Adult Services Practice Standards Audit',
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
        rating('record-coherent', '1', "Is the record coherent and the person's story and circumstances clear to understand? Is the case recording up to date?"),
        rating('advocacy-considered', '2', 'Is there evidence that the need for advocacy has been considered, and if appropriate offered?'),
        rating(
          'assessment-wellbeing-strengths',
          '3',
          "Does the assessment promote and reflect that the person's health and well-being has been considered, and that it is based on a strengths based approach?",
        ),
        rating(
          'plan-personalised-outcomes',
          '4',
          'Does the care and support plan reflect personalised approaches and does it outline that the interventions are supporting the person to live the life they want, focusing on outcomes?',
        ),
        rating('person-involved', '5', 'Is there evidence that the person has been fully involved in the assessment, decision making and care and support planning?'),
        rating('relationship-building', '6', 'Is there evidence of relationship building as part of a range of direct social work and social care interventions?'),
        rating('risk-analysis', '7', 'Does the assessment provide a sound analysis of risk and detail how this is going to be managed?'),
        rating(
          'family-carers-involved',
          '8',
          'Is there evidence that family members, carers and significant others have been involved in the assessment process, decision making and care and support planning?',
        ),
        rating('evidence-based-practice', '9', 'To what extent does the case file demonstrate that the intervention is based upon evidence-based practice?'),
        rating(
          'safeguarding-managed',
          '10',
          "In safeguarding cases, have concerns and risks been fully considered and managed, and is there evidence of the 'Making Safeguarding Personal' approach?",
          { required: false },
        ),
        rating(
          'legislation-empowers',
          '11',
          'Is there evidence of the use of legislation and social work interventions to empower the person e.g., DoLS, Mental Capacity Act, Mental Health Act and the Care Act (Safeguarding)? Have mental capacity assessments been undertaken?',
        ),
        ...sharedStandards,
        actions('action-plan', 'Action plan following the practice standards audit (if applicable)', {
          number: '20',
          hint: 'Have areas of development/learning needs been identified? What action needs to be taken to address these? Is there a clear way to deliver these actions? Are there any other outstanding issues?',
        }),
      ],
    },
  ],
  signOffNeedsSubjectPart: false,
};
