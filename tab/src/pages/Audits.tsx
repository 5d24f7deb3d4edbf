import { Link } from '@fluentui/react-components';
import type { AuditListItem, AuditsDueDto, ComplianceDto, MyAuditsDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { auditListTable, complianceTable } from '../model/tables';
import { complianceChart } from '../model/charts';
import { ChartFigure } from '../components/ChartFigure';

function AuditList({ title, items, days, empty }: { readonly title: string; readonly items: readonly AuditListItem[]; readonly days: 'overdue' | 'left'; readonly empty: string }) {
  if (items.length === 0)
    return (
      <>
        <h3>{title}</h3>
        <Empty>{empty}</Empty>
      </>
    );
  return (
    <DataTable
      named="audit-lists"
      {...auditListTable(title, items, days)}
      rowKeys={items.map((a) => a.id)}
      render={(r, c) => {
        const a = items[r];
        // Every audit leads to where it is done: its form, the caseload returns, a self-assessment or a thematic review.
        return c === 0 && a ? <Link href={`#/${a.workflow.page}?${new URLSearchParams(a.workflow.params).toString()}`}>{a.activityLabel}</Link> : undefined;
      }}
    />
  );
}

export default function Audits({ me }: PageProps) {
  const manager = me.capabilities.includes('view-audit-compliance');
  const mine = useApi<MyAuditsDto>('/api/audits/mine');
  const due = useApi<AuditsDueDto>(manager ? '/api/audits/due' : null);
  const compliance = useApi<ComplianceDto>(manager ? '/api/audits/compliance' : null);
  return (
    <>
      <h2>Audits</h2>
      <Load result={mine} what="your audits">
        {(m) => (
          <>
            <AuditList title="Audits you carry out" items={m.asAuditor} days="left" empty="You have no audits to carry out this year." />
            {m.asSubject.length > 0 && <AuditList title="Audits of your work" items={m.asSubject} days="left" empty="" />}
          </>
        )}
      </Load>
      {manager && (
        <>
          <Load result={due} what="audits due">
            {(d) => (
              <>
                <AuditList title="Overdue" items={d.overdue} days="overdue" empty="Nothing is overdue." />
                <AuditList title="Due in the next 14 days" items={d.dueSoon} days="left" empty="Nothing is due in the next 14 days." />
              </>
            )}
          </Load>
          <Load result={compliance} what="compliance">
            {(c) => (
              <section aria-label="Compliance">
                <h3>
                  Compliance, {c.year}–{String((c.year + 1) % 100).padStart(2, '0')}
                </h3>
                <p data-testid="compliance-overall">{c.overall.summary}</p>
                <ChartFigure model={complianceChart('compliance-by-type', 'Compliance by audit type', 'Audit type', c.byType)} />
                <ChartFigure model={complianceChart('compliance-by-quarter', 'Compliance by quarter', 'Quarter', c.byQuarter)} />
                <DataTable {...complianceTable('Compliance by team', 'Team', c.byTeam)} />
                <DataTable {...complianceTable('Compliance by supervisor', 'Supervisor', c.byAuditor)} named="audit-lists" />
              </section>
            )}
          </Load>
        </>
      )}
    </>
  );
}
