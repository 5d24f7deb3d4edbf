import type { PageProps } from './App';
import { lazyModule } from './lazyModule';
import type { PageId } from './model/route';

/**
 * Each page is its own chunk, so the first load carries only the shell. The current page's
 * chunk is fetched while sign-in is still going on (`preloadPage`), not after it.
 */
export const pageModules: Record<PageId, ReturnType<typeof lazyModule<PageProps>>> = {
  // The home page and its charts' pages.
  home: lazyModule(() => import('./pages/Home')),
  'health-check': lazyModule(() => import('./pages/HealthCheck')),
  audits: lazyModule(() => import('./pages/Audits')),
  audit: lazyModule(() => import('./pages/AuditForm')),
  supervision: lazyModule(() => import('./pages/Supervision')),
  surveys: lazyModule(() => import('./pages/MySurveys')),
  actions: lazyModule(() => import('./pages/ActionPlan')),
  infographic: lazyModule(() => import('./pages/Infographic')),
  caseloads: lazyModule(() => import('./pages/Caseloads')),
  'org-data': lazyModule(() => import('./pages/OrgData')),
  standards: lazyModule(() => import('./pages/Standards')),
  'quality-report': lazyModule(() => import('./pages/QualityReport')),
  // The rest of the framework and the PSW's admin.
  'focus-groups': lazyModule(() => import('./pages/FocusGroups')),
  reviews: lazyModule(() => import('./pages/ThematicReviews')),
  'self-assessment': lazyModule(() => import('./pages/SelfAssessment')),
  admin: lazyModule(() => import('./pages/Admin')),
  // Running surveys (ADR 0021).
  'run-surveys': lazyModule(() => import('./pages/RunSurveys')),
  questionnaire: lazyModule(() => import('./pages/QuestionnaireEditor')),
  cycle: lazyModule(() => import('./pages/CycleSettings')),
  privacy: lazyModule(() => import('./pages/Privacy')),
  'data-protection': lazyModule(() => import('./pages/DataProtection')),
};

export function preloadPage(page: PageId): void {
  pageModules[page].preload().catch(() => undefined);
}
