import { Button, Field, Select } from '@fluentui/react-components';
import type { QualityReportDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount, formatDay, formatDecimal } from '../model/format';
import { periodText, qualityTables, recentQuarters } from '../model/reports';

/**
 * The Quarterly Quality Report as the tab shows and prints it (A4, see styles.css `@media
 * print`): the tab renders it itself, so printing needs no second sign-in.
 */
export default function QualityReport({ route, go }: PageProps) {
  const quarters = recentQuarters(new Date().toISOString().slice(0, 10));
  const quarter = quarters.some((q) => q.id === route.params.quarter) ? (route.params.quarter as string) : (quarters[0]?.id ?? '');
  const report = useApi<QualityReportDto>(`/api/report/quarterly?quarter=${encodeURIComponent(quarter)}`);
  return (
    <>
      <div className="phc-row phc-noprint">
        <Field label="Quarter">
          <Select value={quarter} onChange={(_, v) => go({ page: 'quality-report', params: { quarter: v.value } })}>
            {quarters.map((q) => (
              <option key={q.id} value={q.id}>
                {q.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" onClick={() => window.print()} disabled={report.state !== 'ok'}>
          Print or save as PDF
        </Button>
      </div>
      <Load result={report} what="the Quality Report">
        {(r) => (
          <article className="phc-report" data-testid="quality-report">
            <h2>Quarterly Quality Report: {r.quarter.label}</h2>
            <p className="phc-muted">To the Adult Social Care Management Team. Figures as of {formatDay(r.asOf)}. Aggregates only: nobody is named, and survey groups too small to show are hidden.</p>
            <h3>Audit compliance</h3>
            <p data-testid="report-compliance">{r.compliance.overall.summary}</p>
            <h3>Caseloads</h3>
            <p data-testid="report-caseloads">
              {periodText(r.caseloads.period)}: {r.caseloads.overall === null ? 'no caseloads held' : `${formatDecimal(r.caseloads.overall)} open cases per worker on average`}; the level is{' '}
              {formatCount(r.caseloads.level)} cases.
            </p>
            {r.health ? null : <Empty>No health check has results yet.</Empty>}
            {r.actions && (
              <p data-testid="report-actions">
                Action plan: {formatCount(r.actions.total)} actions, {formatCount(r.actions.done)} done, {formatCount(r.actions.inProgress)} in progress, {formatCount(r.actions.notStarted)} not
                started, {formatCount(r.actions.overdue)} overdue; {formatCount(r.actions.updatesSent)} “You said, we did” {r.actions.updatesSent === 1 ? 'update' : 'updates'} sent this quarter.
              </p>
            )}
            {qualityTables(r).map((t) => (
              <DataTable key={t.title} {...t} />
            ))}
          </article>
        )}
      </Load>
    </>
  );
}
