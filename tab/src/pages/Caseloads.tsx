import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { CaseloadReturnResult, CaseloadsDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { DataTable } from '../components/DataTable';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount, formatDecimal, formatMonth } from '../model/format';
import { caseloadAreasTable, caseloadSurveyTable, flaggedTable, periodText } from '../model/reports';
import { caseloadsChart } from '../model/charts';
import { ChartFigure } from '../components/ChartFigure';

export default function Caseloads(_: PageProps) {
  const data = useApi<CaseloadsDto>('/api/caseloads');
  return (
    <>
      <h2>Caseloads</h2>
      <p className="phc-muted">
        The caseload and workload audit: open cases per worker, averaged over the months of the audit period as the 2019/20 audit did, with the health check's caseload questions beside.
      </p>
      <Load result={data} what="the caseload audit">
        {(d) => (
          <>
            {d.audit.teams.length === 0 ? (
              <Empty>
                No caseloads are held for {periodText(d.audit.period)} yet. The PSW imports the Care Director export (phc caseloads import); team managers without an export make a monthly return
                below.
              </Empty>
            ) : (
              <div data-testid="caseloads">
                <p>
                  {periodText(d.audit.period)}
                  {d.audit.overall && d.audit.overall.published !== null && (
                    <>
                      : <strong data-testid="caseload-overall">{formatDecimal(d.audit.overall.published)}</strong> open cases per worker on average
                    </>
                  )}
                  . Workers above {formatCount(d.audit.level)} cases are counted in each team and named only to their own managers.
                </p>
                <ChartFigure model={caseloadsChart(d)} />
                {d.audit.serviceAreas.length > 0 && <DataTable {...caseloadAreasTable(d)} />}
                {d.audit.aboveLevel.length > 0 ? <DataTable {...flaggedTable(d)} named="caseloads" /> : <p className="phc-muted">Nobody you manage is above {formatCount(d.audit.level)} cases.</p>}
                {(() => {
                  const survey = caseloadSurveyTable(d);
                  return survey ? (
                    <DataTable {...survey} caption={`Groups smaller than ${formatCount(d.survey?.threshold ?? 0)} are never shown.`} />
                  ) : (
                    <p className="phc-muted">No health check results yet to read beside the caseloads.</p>
                  );
                })()}
              </div>
            )}
            {d.returnTeams.map((t) => (
              <MonthlyReturn key={t.teamId} team={t} months={d.returnMonths} />
            ))}
          </>
        )}
      </Load>
    </>
  );
}

function MonthlyReturn({ team, months }: { readonly team: CaseloadsDto['returnTeams'][number]; readonly months: readonly string[] }) {
  const [month, setMonth] = useState(months[0] ?? '');
  const [cases, setCases] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const lines = team.workers.filter((w) => (cases[w.id] ?? '').trim() !== '').map((w) => ({ worker: w.id, openCases: (cases[w.id] ?? '').trim() }));
      const result = await api<CaseloadReturnResult>('/api/caseloads/returns', { method: 'POST', body: { teamId: team.teamId, month, lines } });
      setOutcome({ ok: true, text: `Saved ${formatCount(result.stored)} caseloads for ${formatMonth(month)}${result.replaced > 0 ? ', replacing the earlier return' : ''}.` });
    } catch (error) {
      setOutcome(failedOutcome(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="phc-form"
      aria-label={`Monthly caseload return: ${team.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>Monthly caseload return: {team.name}</h3>
      <p className="phc-muted">For teams without a Care Director export: each worker's open cases allocated in the month. Returning a month again replaces it.</p>
      <Field label="Month">
        <Select value={month} onChange={(_, v) => setMonth(v.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {formatMonth(m)}
            </option>
          ))}
        </Select>
      </Field>
      {team.workers.map((w) => (
        <Field key={w.id} label={`${w.displayName}: open cases`}>
          <Input type="number" inputMode="numeric" min={0} value={cases[w.id] ?? ''} onChange={(_, v) => setCases((c) => ({ ...c, [w.id]: v.value }))} />
        </Field>
      ))}
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy}>
          Save the return
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
