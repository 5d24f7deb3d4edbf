/**
 * The Health Check focus groups' questions and themes, as the council's Practice Quality
 * Assurance Framework, Appendix 5 ("Adult Services Health Check – Focus Group Questions")
 * sets them out: five themes, twenty-two questions, numbered as the appendix numbers them.
 * A focus group's notes are kept against these questions, and the themes it draws out
 * against these themes.
 */

/** A theme of Appendix 5, e.g. `workload`. */
export type FocusGroupThemeId = 'workload' | 'workflow' | 'tools' | 'healthy-workplace' | 'approach-to-practice';

export interface FocusGroupQuestion {
  /** `q1` … `q22`, the appendix's own numbers. */
  readonly id: string;
  readonly number: number;
  readonly text: string;
  /** Points the appendix lists under the question (the statements of question 18, the parts of 14). */
  readonly points?: readonly string[];
}

export interface FocusGroupTheme {
  readonly id: FocusGroupThemeId;
  readonly title: string;
  readonly questions: readonly FocusGroupQuestion[];
}

const q = (number: number, text: string, points?: readonly string[]): FocusGroupQuestion => ({ id: `q${number}`, number, text, ...(points ? { points } : {}) });

export const APPENDIX_5_THEMES: readonly FocusGroupTheme[] = [
  {
    id: 'workload',
    title: 'Effective workload management',
    questions: [
      q(1, 'How fairly is work allocated in your team?'),
      q(2, 'Tell me about how you manage the tasks/demands of your caseload and who helps with this?'),
      q(3, 'Do you approach others to assist you in work, if so who?'),
      q(4, 'Do you have any recommendations for change in relation to how work is allocated and how you are supported to meet the demands of your caseload?'),
    ],
  },
  {
    id: 'workflow',
    title: 'Proactive workflow management',
    questions: [
      q(
        5,
        'We are interested in your views about the adults experience in our service from the case being opened to it leaving your part of the service or being closed. Think about cases where everything flowed well, what enabled this to happen?',
      ),
      q(6, 'Think about cases where it did not flow well, what caused this?'),
    ],
  },
  {
    id: 'tools',
    title: 'Having the right tools to do the job',
    questions: [
      q(
        7,
        'Social workers, Occupational Therapists and social care professionals need a variety of tools to practice effectively, for example: access to IT; translators; legal advisors; research material, office space and equipment; transport; commissioned services and management advice. Tell me about the tools you have at your disposal to assist with your work?',
      ),
      q(8, 'What are the good things about the tools you currently use? How could these be improved?'),
      q(
        9,
        'Do you have the right knowledge and skills to do your job (thinking about skills as well as access to appropriate information?) If not, what are the gaps and how might you work to improve on these areas?',
      ),
      q(10, 'Do you feel that you are able to use your knowledge and skills?'),
    ],
  },
  {
    id: 'healthy-workplace',
    title: 'A healthy workplace',
    questions: [
      q(11, 'What helps you achieve good outcomes at work?'),
      q(12, 'What helps staff resilience at work?'),
      q(13, 'Tell me about your experiences of supervision.'),
      q(14, 'What difference does the supervision you receive make to your work, your professional development, and you?', ['Your work', 'Your professional development', 'You']),
      q(15, 'Do you have any recommendations for change in relation to the supervision?'),
    ],
  },
  {
    id: 'approach-to-practice',
    title: 'Approach to practice',
    questions: [
      q(16, 'How far do you agree with the following statement on a scale of 1 - 10? "I take responsibility for trying to find solutions to problems in my work"'),
      q(17, 'How far do you agree with the following statement on a scale of 1 - 10? "I reflect on my practice and the decisions I have made, and consider what I could have done differently"'),
      q(18, 'Have you done any of the following as a result of reflecting on your own practice?', [
        'I have improved my organisational skills',
        'I have improved my time management skills',
        'I have improved my communication skills',
        'I have improved my interpersonal skills',
        'I have improved how I make decisions',
        'I have not made any changes',
      ]),
      q(19, 'How do you learn from findings from compliments, comments and complaints?'),
      q(20, 'I have seen and understand the National Standards for Employers of Social Workers?'),
      q(21, 'I have seen and understand the Professional Standards for Occupational Therapy practice'),
      q(22, 'I have seen and understand the self-assessment and improvement resource to help social care and health organisations develop the role and practice of social workers in mental health'),
    ],
  },
];

export const FOCUS_GROUP_THEME_IDS: readonly FocusGroupThemeId[] = APPENDIX_5_THEMES.map((t) => t.id);

export const APPENDIX_5_QUESTIONS: readonly (FocusGroupQuestion & { readonly theme: FocusGroupThemeId })[] = APPENDIX_5_THEMES.flatMap((t) =>
  t.questions.map((question) => ({ ...question, theme: t.id })),
);

export function focusGroupTheme(id: string): FocusGroupTheme | undefined {
  return APPENDIX_5_THEMES.find((t) => t.id === id);
}

export function focusGroupQuestion(id: string): (FocusGroupQuestion & { readonly theme: FocusGroupThemeId }) | undefined {
  return APPENDIX_5_QUESTIONS.find((x) => x.id === id);
}
