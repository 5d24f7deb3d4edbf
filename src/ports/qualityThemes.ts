import type { IsoDate } from '../domain/shared/brand';

/**
 * A theme the PSW has tagged from audit comments and actions for a quarter's Quality Report
 * (the council's Practice Quality Assurance Framework: "compliance and key themes"). `source` says where it was seen (an audit task id
 * or a few words); `note` is the PSW's own summary, never a copy of a form's answers.
 */
export interface QualityTheme {
  readonly id: number;
  /** Council quarter, e.g. `2026-Q3` (October–December 2026). */
  readonly quarter: string;
  readonly theme: string;
  readonly source: string;
  readonly note: string;
  readonly taggedBy: string;
  readonly taggedOn: IsoDate;
}

export interface QualityThemeStore {
  add(theme: Omit<QualityTheme, 'id'>): Promise<QualityTheme>;
  forQuarter(quarter: string): Promise<readonly QualityTheme[]>;
  remove(id: number): Promise<boolean>;
}
