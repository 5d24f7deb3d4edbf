import type { ComponentType } from 'react';
import type { PageProps } from './App';
import type { PageId } from './model/route';

/**
 * Each page is its own chunk, so the first load carries only the shell. The current page's
 * chunk is fetched while sign-in is still going on (`preloadPage`), not after it.
 */
export const pageLoaders: Record<PageId, () => Promise<{ default: ComponentType<PageProps> }>> = {
  'health-check': () => import('./pages/HealthCheck'),
  audits: () => import('./pages/Audits'),
  audit: () => import('./pages/AuditForm'),
  supervision: () => import('./pages/Supervision'),
  surveys: () => import('./pages/MySurveys'),
  actions: () => import('./pages/ActionPlan'),
  infographic: () => import('./pages/Infographic'),
};

export function preloadPage(page: PageId): void {
  void pageLoaders[page]().catch(() => undefined);
}
