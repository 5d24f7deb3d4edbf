import { actions, text, workerBox } from './build';
import type { AuditForm } from './types';

/**
 * Appendix 4: Adult Services Practice Observation Template. Once a year the supervisor
 * (observer) observes each supervisee (worker) on a call, a visit or a meeting.
 *
 * Part 1 is the worker's: boxes 1–2 before the observation, box 3 after it, box 4 after
 * reading the observer's report. Part 2 and the feedback from the person are the
 * observer's. The paper form's signatures and dates are the record's submit events: the
 * observer's submit and the worker's submit of their part (see `lifecycle.ts`).
 */
export const practiceObservation: AuditForm = {
  id: 'appendix-4',
  version: 1,
  title: 'Adult Services Practice Observation Template',
  lead: 'observer',
  subject: 'worker',
  parts: ['worker', 'observer'],
  header: [
    { id: 'worker-name', label: 'Name of Worker', from: 'worker' },
    { id: 'observer-name-role', label: 'Name and Role of Observer', from: 'observer' },
    { id: 'observation-date', label: 'Date of Observation', from: 'audit-date' },
  ],
  sections: [
    {
      id: 'part-1-before',
      title: 'Part 1',
      part: 'worker',
      intro: 'Worker completes boxes one and two before observation',
      items: [
        workerBox('background', '1', 'Brief background to observed contact between yourself and those in need of care and support.', 'before-observation'),
        workerBox(
          'planning',
          '2',
          'Planning for intervention',
          'before-observation',
          'The worker and observer plan the observation, agree and clarify the role of the observer during the intervention – how will they be introduced and under what circumstances.',
        ),
      ],
    },
    {
      id: 'part-1-after',
      title: 'Part 1',
      part: 'worker',
      intro: 'Worker completes box three after observation',
      items: [workerBox('reflections', '3', 'Reflections on the observed practice', 'after-observation')],
    },
    {
      id: 'part-1-after-report',
      title: 'Part 1',
      part: 'worker',
      intro: "Worker completes box four after reading the observer's report",
      items: [
        workerBox(
          'critical-reflection',
          '4',
          'Critical reflection and professional development',
          'after-observer-report',
          'Have you identified any specific areas for further development? How do you intend to address these? What support do you need?',
        ),
      ],
    },
    {
      id: 'part-2',
      title: 'Part 2',
      part: 'observer',
      intro: 'Observer completes after the practice observation',
      items: [
        text('observation-setting', 'Setting of Observation', {
          hint: 'Listening in on a telephone conversation, accompanying the supervisee on a visit, or observing the supervisee at a meeting with the person with care and support needs or carer.',
        }),
        text('capability-assessment', "Assessment of the worker's capability demonstrated in the observation of practice", { number: '1' }),
        actions('action-plan', 'Action plan following the direct observation (if applicable)', {
          number: '2',
          hint: 'Have areas of development/learning needs been identified? What action needs to be taken to address these? Are there any other outstanding issues?',
        }),
      ],
    },
    {
      id: 'person-feedback',
      title: 'Feedback from people in need of care and support (if applicable)',
      part: 'observer',
      intro:
        "It is the responsibility of the worker and observer to ensure that the person is given the opportunity to comment on the worker's capabilities and to be offered feedback about the worker's and assessor's own assessment. It is important that in all circumstances the worker considers the issues of consent and mental capacity.",
      items: [
        text('person-feedback', 'Feedback from people in need of care and support (if applicable)', {
          required: false,
          hint: 'More information about gathering feedback from people who need care and support following direct observations of practice can be found as part of the Skills for Care website, please refer to tool six under www.skillsforcare.org.uk/Gatheringfeedback',
        }),
      ],
    },
  ],
  signOffNeedsSubjectPart: true,
};
