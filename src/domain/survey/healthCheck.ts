import type { Breakdowns, Condition, MultiChoiceQuestion, Option, OptionId, Question, Questionnaire, ScaleQuestion, SingleChoiceQuestion, TextQuestion } from './types';

/**
 * The Adult Social Care Organisational Health Check.
 *
 * Every figure the council has published for this survey (2017/18, 2019/20, 2022/23,
 * 2024/25) has a question here, so imported history (src/domain/history/published.ts) and
 * new cycles sit side by side. Wording follows the published reports, so a practitioner who
 * answered before recognises each question. Ids are permanent: stored responses, history and
 * SharePoint columns refer to them (see ./types). Question ids never repeat a section id, so
 * the two can share one namespace (card inputs, CSV columns) without confusion.
 */

// ---------------------------------------------------------------------------------------
// Option scales used more than once. Each is a function so every question gets its own list.
// ---------------------------------------------------------------------------------------

const opt = (id: OptionId, label: string, group?: string): Option => (group === undefined ? { id, label } : { id, label, group });

/** The five-point agreement scale the reports summarise as "% strongly agree or agree". */
export const agreeScale = (): readonly Option[] => [
  opt('strongly-agree', 'Strongly agree'),
  opt('agree', 'Agree'),
  opt('neither', 'Neither agree nor disagree'),
  opt('disagree', 'Disagree'),
  opt('strongly-disagree', 'Strongly disagree'),
];
export const AGREE_HEADLINE = { label: 'strongly agree or agree', options: ['strongly-agree', 'agree'] } as const;

const yesNo = (): readonly Option[] => [opt('yes', 'Yes'), opt('no', 'No')];
/**
 * Yes / no / not sure: the 2022/23 and 2017/18 "more positive" answers add up to only 91% and
 * 89%, so the council's form had a third answer; we offer "not sure" wherever a fair answer
 * may be neither.
 */
export const yesNoNotSure = (): readonly Option[] => [opt('yes', 'Yes'), opt('no', 'No'), opt('not-sure', 'Not sure')];

/** Satisfaction as the reports give it: "completely or to a great extent satisfied". */
const satisfactionScale = (): readonly Option[] => [opt('completely', 'Completely'), opt('great-extent', 'To a great extent'), opt('partially', 'Partially'), opt('not-at-all', 'Not at all')];
const SATISFIED_HEADLINE = { label: 'completely or to a great extent', options: ['completely', 'great-extent'] } as const;

/** "Completely / partially / not at all agree", used by the Statements section. */
const partialAgreeScale = (): readonly Option[] => [opt('completely', 'Completely agree'), opt('partially', 'Partially agree'), opt('not-at-all', 'Do not agree at all')];

/** How often a feeling comes, as the Statements section asks it. */
const howOftenScale = (): readonly Option[] => [opt('always-often', 'Always or often'), opt('sometimes', 'Sometimes'), opt('never', 'Never')];

const problemScale = (): readonly Option[] => [opt('never', 'Never'), opt('sometimes', 'Sometimes'), opt('frequently', 'Frequently')];

// ---------------------------------------------------------------------------------------
// Question builders: they keep the sections below to wording and ids.
// ---------------------------------------------------------------------------------------

type Extra = Partial<Pick<Question, 'hint' | 'group' | 'showIf' | 'required'>>;

function single(id: string, text: string, resultText: string, options: readonly Option[], extra: Extra & { headline?: SingleChoiceQuestion['headline'] } = {}): SingleChoiceQuestion {
  return { id, kind: 'single', text, resultText, required: false, options, ...extra };
}

/** A statement on the five-point agree scale, headline "strongly agree or agree". */
function agree(id: string, text: string, resultText: string, extra: Extra = {}): SingleChoiceQuestion {
  return single(id, text, resultText, agreeScale(), { headline: AGREE_HEADLINE, ...extra });
}

function yesNoQuestion(id: string, text: string, resultText: string, extra: Extra = {}): SingleChoiceQuestion {
  return single(id, text, resultText, yesNo(), extra);
}

const ICT_PROBLEMS = 'How often have you had problems with…';
function ictProblems(id: string, name: string): SingleChoiceQuestion {
  return single(`ict-problems-${id}`, `How often have you had problems with ${name}?`, `had problems with ${name}`, problemScale(), {
    group: ICT_PROBLEMS,
  });
}

const TEAM_CULTURE = 'How far do you agree with these statements about your team?';
const teamStatement = (id: string, text: string, resultText: string) => agree(id, text, resultText, { group: TEAM_CULTURE });

/**
 * Every question may be skipped, as the council's own figures show people doing (2024/25: 31
 * of the 36 social workers answered the PCF question), except the few the survey cannot do
 * without: those that decide which questions come next, and those results are broken down
 * by. Each of those says so where it is defined.
 */
const ROUTES_OR_BREAKS_DOWN = { required: true } as const;

// Only asked of the role the question is about; a hidden question is never required.
const socialWorkersOnly: Condition = { question: 'role', anyOf: ['social-worker'] };
const occupationalTherapistsOnly: Condition = { question: 'role', anyOf: ['occupational-therapist'] };

// ---------------------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------------------

const aboutYou: readonly Question[] = [
  single(
    'role',
    'What is your role?',
    'role',
    [opt('social-worker', 'Social worker'), opt('social-care-professional', 'Social care professional (including community case worker)'), opt('occupational-therapist', 'Occupational therapist')],
    ROUTES_OR_BREAKS_DOWN,
  ),
  // Each team's `group` is its service area, so results break down by service as well as team.
  single(
    'team',
    'Which team do you work in?',
    'team',
    [
      opt('hospital', 'Hospital team', 'hospital-and-intake'),
      opt('occupational-therapy', 'Occupational therapy', 'occupational-therapy'),
      opt('intake', 'Intake', 'hospital-and-intake'),
      opt('older-people-review', 'Older people review', 'older-people'),
      opt('short-term', 'Short term services', 'short-term'),
      opt('older-people-case-management', 'Older people case management', 'older-people'),
      opt('all-age-transitions', 'All age transitions', 'all-age-disability'),
      opt('all-age-case-management', 'All age case management', 'all-age-disability'),
      opt('other-team', 'Another team', 'other'),
    ],
    { hint: 'If you work across teams, choose the one you spend most time in.', ...ROUTES_OR_BREAKS_DOWN },
  ),
  single(
    'length-of-service',
    'How long have you worked for the Council?',
    'have worked for the Council',
    [opt('under-2', 'Less than 2 years'), opt('2-5', '2 to 5 years'), opt('5-10', '5 to 10 years'), opt('over-10', 'More than 10 years')],
    ROUTES_OR_BREAKS_DOWN,
  ),
  single('contract', 'What kind of contract are you on?', 'are on a contract of this kind', [
    opt('permanent', 'Permanent'),
    opt('fixed-term', 'Fixed-term'),
    opt('agency-or-temporary', 'Agency or temporary'),
  ]),
];

const evidence: readonly Question[] = [
  agree('evidence-access', 'I have access to best practice, research and evidence materials', 'agree they have access to best practice, research and evidence materials'),
];

const ict: readonly Question[] = [
  {
    id: 'ict-access',
    kind: 'multi',
    text: 'Which of these do you have access to for your work?',
    resultText: 'have access to',
    hint: 'Choose all that apply.',
    required: false,
    options: [
      opt('laptop-tablet', 'Laptop or tablet'),
      opt('ms-teams', 'MS Teams'),
      opt('sharepoint', 'SharePoint'),
      opt('smartphone', 'Smartphone'),
      opt('it-support', 'IT support'),
      opt('interpretation', 'Interpretation'),
      opt('legal-support', 'Legal support'),
      opt('meeting-space', 'Meeting space'),
      opt('lockable-drawer', 'Lockable drawer'),
      opt('advocacy', 'Advocacy'),
      opt('business-support', 'Business support'),
      opt('financial-support', 'Financial support'),
      opt('other', 'Other'),
    ],
  } satisfies MultiChoiceQuestion,
  ictProblems('care-director', 'Care Director'),
  ictProblems('sharepoint', 'SharePoint'),
  ictProblems('ms-teams', 'MS Teams'),
  ictProblems('laptop', 'your laptop'),
  ictProblems('photocopying', 'photocopying'),
  ictProblems('scanning', 'scanning'),
  ictProblems('mobile-phone', 'your mobile phone'),
];

const careDirector: readonly Question[] = [
  single(
    'care-director-supports-work',
    'How far does Care Director, the case management system, support your work?',
    'agree that Care Director case management tool "reasonably" or "to a large extent" supports their work',
    [opt('not-at-all', 'Not at all'), opt('a-little', 'A little'), opt('reasonably', 'Reasonably'), opt('large-extent', 'To a large extent')],
    { headline: { label: '"reasonably" or "to a large extent"', options: ['reasonably', 'large-extent'] } },
  ),
  single('care-director-time', 'On a typical day, about how much of your working time do you spend inputting into Care Director?', 'of their time spent inputting into Care Director', [
    opt('under-20', 'Less than 20%'),
    opt('20-39', '20% to 39%'),
    opt('40-59', '40% to 59%'),
    opt('60-79', '60% to 79%'),
    // The band the reports publish: "spent 80% or more of their time inputting".
    opt('80-or-more', '80% or more'),
  ]),
  // Asked first so the satisfaction shares are of people who had training, as in 2022 and
  // 2024 (whose three published shares add to 100%).
  yesNoQuestion('care-director-trained', 'Have you had training on Care Director?', 'have had Care Director training', ROUTES_OR_BREAKS_DOWN),
  single(
    'care-director-training',
    'How satisfied were you with the Care Director training you received?',
    'satisfied with Care Director training',
    [opt('completely', 'Completely satisfied'), opt('partially', 'Partially satisfied'), opt('not-very', 'Not very satisfied')],
    { showIf: { question: 'care-director-trained', anyOf: ['yes'] } },
  ),
];

const professionalDevelopment: readonly Question[] = [
  agree(
    'cpd-opportunities',
    'There are relevant opportunities to enable me to meet my continuing professional development (CPD) needs',
    'agree there are relevant opportunities to meet their CPD needs',
  ),
  single(
    'pcf-mapped',
    'Are your learning and development needs mapped against the Professional Capabilities Framework (PCF)?',
    'of social workers say their learning and development needs are mapped against the Professional Capabilities Framework',
    yesNoNotSure(),
    { showIf: socialWorkersOnly },
  ),
  single(
    'ot-framework-mapped',
    'Are your learning and development needs mapped against the OT post-qualifying framework?',
    'of occupational therapists say their learning and development needs are mapped against the OT post-qualifying framework',
    yesNoNotSure(),
    { showIf: occupationalTherapistsOnly },
  ),
  yesNoQuestion(
    'needs-identified',
    'Are your training and development needs identified through supervision and appraisal?',
    'said their training and development needs were identified through supervision and appraisal',
  ),
  agree(
    'training-meets-needs',
    'The training organised for me helps me understand and meet the needs of service users and carers',
    'agreed that the training organised helps them understand and meet the needs of service users and carers',
  ),
  agree(
    'training-quality',
    'The training I attend is challenging, engaging and of good quality, and helps my practice',
    'said the training they attend is challenging, engaging, of good quality and helps their practice',
  ),
  agree('induction', 'My induction prepared me for my specific role in the Council', 'agreed that their induction prepared them for their specific role in the Council'),
];

const caseloads: readonly Question[] = [
  agree('caseload-fair', 'My caseload is fair and manageable', 'say their caseload is fair and manageable'),
  agree(
    'caseload-time',
    'Most of the time, I have sufficient time to work effectively with the people on my caseload',
    'say they have sufficient time to work effectively with the service users on their caseload most of the time',
  ),
];

const teamCulture: readonly Question[] = [
  teamStatement('work-issues-shared', 'Work issues are shared openly in my team', 'say work issues are shared openly'),
  teamStatement('raise-concerns-managers', 'I feel able to raise concerns with my managers', 'feel able to raise concerns with managers'),
  teamStatement('raise-concerns-workload', 'I feel able to raise concerns about my workload', 'feel able to raise concerns about workloads'),
  teamStatement('autonomy', 'I have sufficient autonomy to practise creatively with the people I support', 'have sufficient autonomy to practise creatively with their service users'),
  teamStatement('caseload-appropriate', 'My caseload is appropriate to my level of knowledge and experience', 'say their caseload is appropriate to their level of knowledge and experience'),
  teamStatement('time-for-additional-responsibilities', 'I have sufficient time to work on additional responsibilities', 'have sufficient time to work on additional responsibilities'),
];

const teamMeetingsAndManagement: readonly Question[] = [
  // Fine bands as asked in 2022/23. The 2024/25 report merges them in pairs ("every week or
  // 2 weeks", "every month or most months"); its headline "94% every week or month" is the
  // sum of both pairs, so that is our headline (see history/published.ts).
  single(
    'team-meeting-frequency',
    'How often does your team meet?',
    'said they had team meetings every week or month',
    [
      opt('every-week', 'Every week'),
      opt('every-two-weeks', 'Every two weeks'),
      opt('every-month', 'Every month'),
      opt('most-months', 'Most months'),
      opt('every-six-months', 'Every six months'),
      opt('less-often', 'Less often than every six months'),
      opt('never', 'Never'),
    ],
    {
      headline: {
        label: 'every week, every two weeks, every month or most months',
        options: ['every-week', 'every-two-weeks', 'every-month', 'most-months'],
      },
    },
  ),
  yesNoQuestion('management-feedback', 'Do you get regular feedback and updates from management?', 'get regular feedback/updates from management'),
  single(
    'know-management-team',
    'Do you know and recognise the members of the Adult Social Care Management Team?',
    'know and recognise partly or all of the Adult Social Care Management Team',
    [opt('completely', 'Yes, all of them'), opt('partly', 'Some of them'), opt('not-at-all', 'None of them')],
    { headline: { label: 'partly or all', options: ['completely', 'partly'] } },
  ),
  yesNoQuestion('know-principal-social-worker', 'Do you know and recognise the Principal Social Worker for adults?', 'know and recognise the Adult Principal Social Worker'),
];

const supervision: readonly Question[] = [
  single(
    'supervision-frequency',
    'How often do you have supervision?',
    'say supervision takes place monthly or most months',
    [
      opt('monthly', 'Every month'),
      opt('most-months', 'Most months'),
      opt('once-or-twice-six-months', 'Once or twice in the last six months'),
      opt('once-or-twice-year', 'Once or twice in the last year'),
      opt('not-at-all', 'Not at all in the last year'),
    ],
    { headline: { label: 'monthly or most months', options: ['monthly', 'most-months'] } },
  ),
  single(
    'supervision-postponed',
    'How often do your supervision sessions get postponed or cancelled?',
    'said that supervision sessions never or rarely get postponed or cancelled',
    [opt('never', 'Never'), opt('rarely', 'Rarely'), opt('sometimes', 'Sometimes'), opt('often', 'Often')],
    { headline: { label: 'never or rarely', options: ['never', 'rarely'] } },
  ),
  yesNoQuestion('appraisal', 'Have you had an appraisal in the past year?', 'have had an appraisal in the past year'),
  single('supervision-quality', 'How satisfied are you with the quality of your supervision?', 'are completely or to a greater extent satisfied with the quality of supervision', satisfactionScale(), {
    headline: SATISFIED_HEADLINE,
  }),
  yesNoQuestion(
    'supervision-reflection',
    'Does your supervision give you the opportunity for reflection and emotional support?',
    'get opportunity in their supervision for reflection and emotional support',
  ),
  yesNoQuestion(
    'supervision-learning',
    'Does your supervision include discussion of your learning and development?',
    'get opportunity in their supervision for discussion of learning and development',
  ),
  yesNoQuestion('coaching-mentoring', 'Do you get coaching or mentoring opportunities?', 'get coaching or mentoring opportunities'),
  single(
    'complex-case-support',
    'Where you have complex cases, how satisfied are you with the support you get from your line manager or supervisor?',
    'are completely or to a greater extent satisfied with the support received from line managers/supervisors where they have complex cases',
    satisfactionScale(),
    { headline: SATISFIED_HEADLINE },
  ),
  single(
    'decisions-without-support',
    'In the last year, how often have you needed to make an important decision about a case and not been able to get support?',
    'have never or only once or twice needed to make an important decision regarding a case and not been able to access support',
    [opt('never', 'Never'), opt('once-or-twice', 'Once or twice'), opt('several-times', 'Several times'), opt('often', 'Often')],
    { headline: { label: 'never or only once or twice', options: ['never', 'once-or-twice'] } },
  ),
];

const yourRole: readonly Question[] = [
  single(
    'more-positive',
    'I feel more positive about my role and employment with the Council than I did a year ago',
    'feel more positive about their role and employment with the Council than they did a year ago',
    yesNoNotSure(),
  ),
  single('five-years', "Do you see yourself working for the Council in 5 years' time?", "saw themselves working for the Council in 5 years' time", yesNoNotSure()),
  single(
    'hybrid-confidence',
    'How confident do you feel working in a hybrid way, partly from home and partly in the office or community?',
    'expressed confidence working in a hybrid way',
    [opt('very-confident', 'Very confident'), opt('fairly-confident', 'Fairly confident'), opt('not-very-confident', 'Not very confident'), opt('not-at-all-confident', 'Not at all confident')],
    { headline: { label: 'very or fairly confident', options: ['very-confident', 'fairly-confident'] } },
  ),
];

const careerDevelopment: readonly Question[] = [
  {
    id: 'career-development-help',
    kind: 'multi',
    text: 'What two things would be most helpful to support your future career development?',
    resultText: 'say this is most helpful to support their future career development',
    hint: 'Choose up to two.',
    required: false,
    maxChoices: 2,
    options: [
      opt('coaching-mentoring', 'Career development coaching or mentoring'),
      opt('learning-development', 'Learning and development'),
      opt('secondments', 'Secondments'),
      opt('job-rotation', 'Job rotation'),
      opt('work-shadowing', 'Work shadowing'),
      opt('other', 'Other'),
    ],
  } satisfies MultiChoiceQuestion,
];

const statements: readonly Question[] = [
  single('communication-effective', 'Communication between staff and senior managers is effective', 'agree communication between staff and senior managers is effective', partialAgreeScale(), {
    group: 'How far do you agree?',
  }),
  single('staff-consulted', 'Staff are consulted and involved in proposed changes', 'agree staff are consulted and involved in proposed changes', partialAgreeScale(), {
    group: 'How far do you agree?',
  }),
  single('look-forward-to-work', 'I look forward to going to work', 'look forward to going to work', howOftenScale(), { group: 'How often…?' }),
  single('enthusiastic', 'I feel enthusiastic about my job', 'feel enthusiastic about their job', howOftenScale(), { group: 'How often…?' }),
];

const culturalCompetence: readonly Question[] = [
  {
    id: 'cultural-confidence',
    kind: 'scale',
    text: 'How confident are you that you practise in a way that is culturally competent and inclusive?',
    resultText: 'scored their confidence in practising in a culturally competent and inclusive way 8 or higher',
    required: false,
    min: 0,
    max: 10,
    minLabel: 'Not confident at all',
    maxLabel: 'Extremely confident',
    // The 2024/25 report: "over half (57%) scored themselves 8 or higher".
    headline: { label: '8 or higher', options: ['8', '9', '10'] },
  } satisfies ScaleQuestion,
];

const anythingElse: readonly Question[] = [
  {
    id: 'other-comments',
    kind: 'text',
    text: 'Is there anything else you would like to tell us about working in Adult Social Care?',
    hint: 'Please do not include names or anything that could identify you or someone else.',
    required: false,
    maxLength: 2000,
  } satisfies TextQuestion,
];

/** Always asks the breakdown questions: its results are broken down by role, team and length of service. */
export const healthCheck: Questionnaire & { readonly breakdowns: Breakdowns } = {
  id: 'health-check',
  // 2: questions may be skipped, except those that route the survey or break results down.
  version: 2,
  title: 'Adult Social Care Organisational Health Check',
  kind: 'health-check',
  minutes: 15,
  breakdowns: { role: 'role', team: 'team', lengthOfService: 'length-of-service' },
  sections: [
    {
      id: 'about-you',
      title: 'About you',
      intro: 'A few questions about your job, so we can compare results across roles, teams and length of service. Small groups are never shown.',
      questions: aboutYou,
    },
    {
      id: 'evidence',
      title: 'Best practice and evidence',
      intro: 'Whether you can get hold of the research and evidence you need for your practice.',
      questions: evidence,
    },
    {
      id: 'ict',
      title: 'ICT and support',
      intro: 'The equipment, systems and support services you can use, and how often they let you down.',
      questions: ict,
    },
    {
      id: 'care-director',
      title: 'Care Director',
      intro: 'How well the case management system works for you, and the training you had on it.',
      questions: careDirector,
    },
    {
      id: 'professional-development',
      title: 'Professional development',
      intro: 'Your training, learning and development, and how well they help your practice.',
      questions: professionalDevelopment,
    },
    {
      id: 'caseloads',
      title: 'Caseloads',
      intro: 'Whether your caseload is manageable and leaves you enough time for the people you support.',
      questions: caseloads,
    },
    {
      id: 'team-culture',
      title: 'Team culture',
      intro: 'How it feels to work in your team.',
      questions: teamCulture,
    },
    {
      id: 'team-meetings-and-management',
      title: 'Team meetings and management',
      intro: 'How often your team meets, and how well you know and hear from the management team.',
      questions: teamMeetingsAndManagement,
    },
    {
      id: 'supervision',
      title: 'Supervision',
      intro: 'How often you have supervision, what it covers and the support you get with difficult cases.',
      questions: supervision,
    },
    {
      id: 'your-role',
      title: 'Your role',
      intro: 'How you feel about your job now and in the years ahead.',
      questions: yourRole,
    },
    {
      id: 'career-development',
      title: 'Career development',
      intro: 'What would help you most to develop your career.',
      questions: careerDevelopment,
    },
    {
      id: 'statements',
      title: 'Communication and wellbeing',
      intro: 'How far you agree with a few statements about communication, and how you feel about going to work.',
      questions: statements,
    },
    {
      id: 'cultural-competence',
      title: 'Culturally competent and inclusive practice',
      intro: 'One question, answered on a scale from 0 to 10.',
      questions: culturalCompetence,
    },
    {
      id: 'anything-else',
      title: 'Anything else',
      intro: 'Your own words, for anything the other questions did not ask.',
      questions: anythingElse,
    },
  ],
};
