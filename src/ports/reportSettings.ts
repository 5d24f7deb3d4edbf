/**
 * Small settings the PSW chooses for the reports (the caseload level, the standards mapping),
 * kept as JSON by key. The domain checks a value before it is stored and after it is read.
 */
export interface ReportSettingsStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}
