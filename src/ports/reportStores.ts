import type { CaseloadStore } from './caseloads';
import type { OrgDataReturnStore } from './orgData';
import type { QualityThemeStore } from './qualityThemes';
import type { ReportSettingsStore } from './reportSettings';

/** The stores behind the caseload audit, the 39-steps returns, the standards view and the Quality Report. */
export interface ReportStores {
  readonly caseloads: CaseloadStore;
  readonly orgDataReturns: OrgDataReturnStore;
  readonly settings: ReportSettingsStore;
  readonly themes: QualityThemeStore;
}
