import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeasureDefinition, OrgDataDto, OrgDataHistoryDto, OrgDataReturnResult } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { DataTable } from '../components/DataTable';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount } from '../model/format';
import { orgDataTable, orgHistoryTable } from '../model/reports';

export default function OrgData({ route, go }: PageProps) {
  const data = useApi<OrgDataDto>('/api/org-data');
  return (
    <>
      <h2>39 steps</h2>
      <p className="phc-muted">The health check's organisational data: each team manager returns their team's figures once a cycle (the quantitative steps of sections 1, 2 and 4).</p>
      <Load result={data} what="the 39-steps returns">
        {(d) => (
          <>
            {d.returned === 0 ? (
              <Empty>No team has made its 39-steps return for {d.cycleId} yet.</Empty>
            ) : (
              <div data-testid="org-data">
                <p>
                  {formatCount(d.returned)} of {formatCount(d.teams.length)} teams have returned their figures for {d.cycleId}.
                </p>
                <DataTable {...orgDataTable(d)} named="39-steps-returns" />
              </div>
            )}
            {d.teams.length > 0 && <OverTime teams={d.teams} team={route.params.team ?? d.teams[0]?.teamId ?? ''} choose={(team) => go({ page: 'org-data', params: { team } })} />}
            {d.returnTeams.length > 0 && <ReturnForm data={d} />}
          </>
        )}
      </Load>
    </>
  );
}

function OverTime({ teams, team, choose }: { readonly teams: OrgDataDto['teams']; readonly team: string; readonly choose: (team: string) => void }) {
  const history = useApi<OrgDataHistoryDto>(team ? `/api/org-data/teams/${encodeURIComponent(team)}` : null);
  return (
    <section aria-label="One team over time">
      <h3>One team over time</h3>
      <Field label="Team">
        <Select value={team} onChange={(_, v) => choose(v.value)}>
          {teams.map((t) => (
            <option key={t.teamId} value={t.teamId}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      <Load result={history} what="the team's returns">
        {(h) => (h.cycles.length === 0 ? <Empty>{h.name} has made no 39-steps return yet.</Empty> : <DataTable {...orgHistoryTable(h)} />)}
      </Load>
    </section>
  );
}

function MeasureField({ d, value, set }: { readonly d: MeasureDefinition; readonly value: string; readonly set: (v: string) => void }) {
  const label = `Step ${d.step}: ${d.label}`;
  if (d.kind === 'yes-no') {
    return (
      <Field label={label} hint={d.hint} required={d.required}>
        <Select value={value} onChange={(_, v) => set(v.value)}>
          <option value="">Not answered</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </Select>
      </Field>
    );
  }
  return (
    <Field label={label} hint={d.hint} required={d.required}>
      <Input type="number" inputMode="decimal" min={0} step="any" value={value} onChange={(_, v) => set(v.value)} />
    </Field>
  );
}

function ReturnForm({ data }: { readonly data: OrgDataDto }) {
  const [teamId, setTeamId] = useState(data.returnTeams[0]?.teamId ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const measures = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      const r = await api<OrgDataReturnResult>('/api/org-data/returns', { method: 'POST', body: { teamId, cycleId: data.cycleId, measures } });
      setOutcome({ ok: true, text: `Saved the return for ${data.returnTeams.find((t) => t.teamId === r.teamId)?.name ?? r.teamId} (${r.cycleId})${r.replaced ? ', replacing the earlier one' : ''}.` });
    } catch (error) {
      setOutcome(failedOutcome(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="phc-form"
      aria-label="39-steps return"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>39-steps return for {data.cycleId}</h3>
      {data.returnTeams.length > 1 && (
        <Field label="Team">
          <Select value={teamId} onChange={(_, v) => setTeamId(v.value)}>
            {data.returnTeams.map((t) => (
              <option key={t.teamId} value={t.teamId}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {data.measures.map((d) => (
        <MeasureField key={d.id} d={d} value={values[d.id] ?? ''} set={(v) => setValues((x) => ({ ...x, [d.id]: v }))} />
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
