/**
 * Where the tab is: a page and its parameters, kept in the address's hash
 * (`#/health-check?cycle=2024-25`) so the back button, bookmarks and links from bot cards work.
 * Teams deep links arrive as the tab's path (`/tab/surveys`, from the manifest) or as a
 * `subEntityId` in the Teams context (`audit:<task id>`, `health-check:2024-25`).
 */
export type PageId =
  // Each role's first page: what needs doing, and how things stand.
  | 'home'
  | 'health-check'
  | 'audits'
  | 'audit'
  | 'supervision'
  | 'surveys'
  | 'actions'
  | 'infographic'
  | 'caseloads'
  | 'org-data'
  | 'standards'
  | 'quality-report'
  // The rest of the framework and the PSW's admin.
  | 'focus-groups'
  | 'reviews'
  | 'self-assessment'
  | 'admin'
  // Running surveys (ADR 0021): the list of surveys and cycles, a pulse's editor, a cycle's settings.
  | 'run-surveys'
  | 'questionnaire'
  | 'cycle'
  // Data protection: what everyone is told, and the DPO's and PSW's page.
  | 'privacy'
  | 'data-protection';

export interface Route {
  readonly page: PageId;
  readonly params: Readonly<Record<string, string>>;
}

export const PAGES: readonly { readonly id: PageId; readonly label: string; readonly nav: boolean }[] = [
  // The first page: what needs the person's attention, for their roles.
  { id: 'home', label: 'Home', nav: true },
  { id: 'health-check', label: 'Health check', nav: true },
  { id: 'audits', label: 'Audits', nav: true },
  { id: 'supervision', label: 'Supervision', nav: true },
  { id: 'surveys', label: 'My surveys', nav: true },
  { id: 'run-surveys', label: 'Run surveys', nav: true },
  { id: 'actions', label: 'Action plan', nav: true },
  { id: 'caseloads', label: 'Caseloads', nav: true },
  { id: 'org-data', label: '39 steps', nav: true },
  { id: 'standards', label: 'Standards', nav: true },
  { id: 'quality-report', label: 'Quality report', nav: true },
  // The rest of the framework and the PSW's admin.
  { id: 'focus-groups', label: 'Focus groups', nav: true },
  { id: 'reviews', label: 'Thematic reviews', nav: true },
  { id: 'self-assessment', label: 'Self-assessment', nav: true },
  { id: 'admin', label: 'Admin', nav: true },
  // Data protection: what everyone is told, and the DPO's and PSW's page.
  { id: 'privacy', label: 'Your data', nav: true },
  { id: 'data-protection', label: 'Data protection', nav: true },
  { id: 'infographic', label: 'Infographic', nav: false },
  { id: 'audit', label: 'Audit form', nav: false },
  // Running surveys (ADR 0021): the editor and a cycle's settings open from Run surveys.
  { id: 'questionnaire', label: 'Survey questions', nav: false },
  { id: 'cycle', label: 'Survey cycle', nav: false },
];

const IDS = new Set<string>(PAGES.map((p) => p.id));
/** The manifest's static tabs' paths, and other names people may use. */
const ALIASES: Readonly<Record<string, PageId>> = {
  dashboard: 'home',
  results: 'health-check',
  surveys: 'surveys',
  survey: 'surveys',
  audits: 'audits',
  actions: 'actions',
  supervision: 'supervision',
  '39-steps': 'org-data',
  report: 'quality-report',
  'thematic-reviews': 'reviews',
  'focus-group': 'focus-groups',
  pulse: 'run-surveys',
  about: 'privacy',
};

function pageOf(name: string): PageId | undefined {
  if (IDS.has(name)) return name as PageId;
  return ALIASES[name];
}

export function parseHash(hash: string): Route | undefined {
  const m = /^#\/([a-z-]+)(?:\?(.*))?$/.exec(hash);
  if (!m?.[1]) return undefined;
  const page = pageOf(m[1]);
  if (!page) return undefined;
  return { page, params: Object.fromEntries(new URLSearchParams(m[2] ?? '')) };
}

/** `/tab/surveys` → My surveys. */
export function parsePath(pathname: string): Route | undefined {
  const m = /\/tab\/([a-z-]+)\/?$/.exec(pathname);
  const page = m?.[1] ? pageOf(m[1]) : undefined;
  return page ? { page, params: {} } : undefined;
}

/** A Teams `subEntityId` from a deep link: `audit:<id>`, `health-check:<cycle>`, or a page name. */
export function parseSubEntity(subEntityId: string | undefined): Route | undefined {
  if (!subEntityId) return undefined;
  const [name = '', arg] = subEntityId.split(':', 2);
  const page = pageOf(name);
  if (!page) return undefined;
  if (arg === undefined) return { page, params: {} };
  if (page === 'audit') return { page, params: { id: arg } };
  if (page === 'health-check' || page === 'infographic') return { page, params: { cycle: arg } };
  return { page, params: {} };
}

export function hashOf(route: Route): string {
  const query = new URLSearchParams(route.params).toString();
  return `#/${route.page}${query ? `?${query}` : ''}`;
}

export const DEFAULT_ROUTE: Route = { page: 'home', params: {} };
