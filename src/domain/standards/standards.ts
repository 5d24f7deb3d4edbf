/**
 * The eight Standards for Employers of Social Workers, in the order and words of the council's Social Work Health Check briefing (2017)
 * (the 39 steps "now grouped into the 8 HCPC Standards for Employers"). Seed 002 calls "Safe
 * workloads and case allocation" Standard 2 where the council's Social Work Health Check briefing (2017) lists it third; we number as seed
 * 001 does and show titles, not numbers alone, so nobody is misled (ADR 0014).
 */
export interface EmployerStandard {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly summary: string;
}

export const EMPLOYER_STANDARDS: readonly EmployerStandard[] = [
  {
    id: 'accountability',
    number: 1,
    title: 'Clear social work accountability framework',
    summary: 'A clear social work accountability framework informed by good practice and the experience of service users, carers and practitioners.',
  },
  {
    id: 'workforce-planning',
    number: 2,
    title: 'Effective workforce planning',
    summary: 'The right number of social workers, with the right skills and experience, to meet current and future demand.',
  },
  { id: 'safe-workloads', number: 3, title: 'Safe workloads and case allocation', summary: 'Social workers have safe and manageable workloads.' },
  { id: 'risks-and-resources', number: 4, title: 'Managing risks and resources', summary: 'Social workers can do their jobs safely and have the practical tools and resources they need.' },
  { id: 'supervision', number: 5, title: 'Effective and appropriate supervision', summary: 'Regular and appropriate social work supervision.' },
  { id: 'cpd', number: 6, title: 'Continuing professional development', summary: 'Opportunities for effective CPD and access to research and relevant knowledge.' },
  { id: 'partnerships', number: 7, title: 'Effective partnerships', summary: 'Partnerships with higher education institutions and others to support social work education and CPD.' },
  { id: 'registration', number: 8, title: 'Professional registration', summary: 'Social workers can maintain their professional registration.' },
];
