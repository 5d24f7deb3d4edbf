import type { SupervisionFrequencyDto } from '../../../src/server/api/types';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatDay, formatMonth } from '../model/format';
import { frequencyTable } from '../model/tables';

export default function Supervision(_: PageProps) {
  const data = useApi<SupervisionFrequencyDto>('/api/supervision/frequency');
  return (
    <>
      <h2>Supervision</h2>
      <p className="phc-muted">The policy: everyone is supervised every month. Each figure is the share of supervisees with a supervision recorded in every month of the period.</p>
      <Load result={data} what="supervision">
        {(d) =>
          d.overall.supervisees === 0 ? (
            <Empty>No supervisions are recorded for this period yet. Supervisors record them in the Health Check bot (type "supervision").</Empty>
          ) : (
            <div data-testid="supervision">
              <p>
                {formatDay(d.period.start)} to {formatDay(d.period.end)}: <strong>{d.overall.summary}</strong>
              </p>
              <DataTable {...frequencyTable('Supervision by team', 'Team', d.byTeam)} />
              <DataTable {...frequencyTable('Supervision by supervisor', 'Supervisor', d.bySupervisor)} named="supervision" />
              {d.missed.length > 0 && (
                <DataTable
                  named="supervision"
                  title="Months missed"
                  columns={['Supervisee', 'Supervisor', 'Months without supervision']}
                  rows={d.missed.map((m) => [m.name, m.supervisor, m.months.map(formatMonth).join(', ')])}
                />
              )}
            </div>
          )
        }
      </Load>
    </>
  );
}
