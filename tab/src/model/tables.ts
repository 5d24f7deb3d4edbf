/** Tables of the audit and supervision pages, as shown and as exported (pure). */
import { BUCKET_LABELS, type ComplianceBucket } from '../../../src/domain/audit/compliance';
import type { AuditListItem, ComplianceDto, ComplianceRow, FrequencyRowDto } from '../../../src/server/api/types';
import type { TableData } from './csv';
import { formatCount, formatDay, formatPercent } from './format';

export function frequencyTable(title: string, by: string, rows: readonly FrequencyRowDto[]): TableData {
  return {
    title,
    columns: [by, 'Supervisees', 'Supervised every month', 'Share'],
    rows: rows.map((r) => [r.label, formatCount(r.supervisees), formatCount(r.supervisedMonthly), r.share === null ? 'Nobody to count' : formatPercent(Math.round(r.share * 100))]),
  };
}

const STATUS: Readonly<Record<AuditListItem['status'], string>> = { planned: 'Not started', 'in-progress': 'In progress', completed: 'Completed', cancelled: 'Cancelled' };

export function auditListTable(title: string, items: readonly AuditListItem[], days: 'overdue' | 'left'): TableData {
  return {
    title,
    columns: ['Audit', 'Of', 'Auditor', 'Due', days === 'overdue' ? 'Days overdue' : 'Days left', 'Status'],
    rows: items.map((a) => [a.activityLabel, a.subject, a.auditor, formatDay(a.due), formatCount(a.days), STATUS[a.status]]),
  };
}

const SHOWN: readonly ComplianceBucket[] = ['completedOnTime', 'completedLate', 'overdue', 'dueSoon', 'notYetDue'];

/** Compliance rows (by type, team, quarter or supervisor). The row's shape is the domain's. */
export function complianceTable(title: string, by: string, rows: readonly ComplianceRow[]): TableData {
  return {
    title,
    // The buckets in the domain's words, as the charts' legends say them.
    columns: [by, 'Due so far', ...SHOWN.map((b) => BUCKET_LABELS[b]), 'Completed on time (share)'],
    rows: rows.map((r) => [
      r.label,
      formatCount(r.dueSoFar),
      ...SHOWN.map((b) => formatCount(r.counts[b])),
      r.shareOnTime === null ? 'Nothing due yet' : formatPercent(Math.round(r.shareOnTime * 100)),
    ]),
  };
}

export type { ComplianceDto };
