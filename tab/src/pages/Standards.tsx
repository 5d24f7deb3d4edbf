import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { StandardsDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount } from '../model/format';
import { standardItemsTable } from '../model/reports';
import { standardsChart } from '../model/charts';
import { ChartFigure } from '../components/ChartFigure';

export default function Standards(_: PageProps) {
  const data = useApi<StandardsDto>('/api/standards');
  return (
    <>
      <h2>Employer standards</h2>
      <p className="phc-muted">
        The eight standards for employers of social workers, scored in the LGA health check's style: each item is the share agreeing (or the 39-steps measure turned into a score) out of 100, and a
        standard's score is the mean of its items. 0–50 is low, 51–74 moderate, 75–100 high.
      </p>
      <Load result={data} what="the standards">
        {(d) => (
          <div data-testid="standards">
            <p>
              {d.surveyTitle ? `Survey figures from ${d.surveyTitle} (groups smaller than ${formatCount(d.threshold ?? 0)} are never shown).` : 'No health check results yet.'}{' '}
              {d.orgDataCycle ? `39-steps figures from ${formatCount(d.teamsReturned)} teams' returns for ${d.orgDataCycle}.` : 'No 39-steps returns yet.'} Mapping: {d.mapping}.
            </p>
            <p className="phc-muted">
              "Not scored" means none of the standard's items has a figure: nothing is mapped to it, its questions were hidden because too few people answered, or no team has returned the measures it
              uses.
            </p>
            <ChartFigure model={standardsChart(d.standards)} />
            <DataTable {...standardItemsTable(d.standards)} />
            <DataTable
              title="How the standards are mapped"
              columns={['Standard', 'Health check questions', '39-steps measures']}
              rows={d.documented.map((s) => [`${s.number}. ${s.title}`, s.questions.join('; ') || 'None', s.measures.map((m) => `${m.label} (${m.how})`).join('; ') || 'None'])}
            />
            {d.mayAdjust && <AdjustMapping data={d} />}
          </div>
        )}
      </Load>
    </>
  );
}

function AdjustMapping({ data }: { readonly data: StandardsDto }) {
  const [id, setId] = useState(data.documented[0]?.id ?? '');
  const [questions, setQuestions] = useState('');
  const [measures, setMeasures] = useState('');
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const send = async (body: Record<string, unknown>) => {
    try {
      await api('/api/standards/' + encodeURIComponent(id) + '/mapping', { method: 'POST', body });
      setOutcome({ ok: true, text: 'The mapping was changed. Reload the page to see the new scores.' });
    } catch (error) {
      setOutcome(failedOutcome(error));
    }
  };
  return (
    <form
      className="phc-form"
      aria-label="Change the mapping"
      onSubmit={(e) => {
        e.preventDefault();
        void send({ ...(questions.trim() ? { questions } : {}), ...(measures.trim() ? { measures } : {}) });
      }}
    >
      <h3>Change the mapping (Principal Social Worker)</h3>
      <Field label="Standard">
        <Select value={id} onChange={(_, v) => setId(v.value)}>
          {data.documented.map((s) => (
            <option key={s.id} value={s.id}>
              {s.number}. {s.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Health check questions" hint="Question ids separated by commas; for a yes/no question say which answers count, e.g. five-years:yes. Leave empty to keep them.">
        <Input value={questions} onChange={(_, v) => setQuestions(v.value)} />
      </Field>
      <Field label="39-steps measures" hint="Measure ids separated by commas. Leave empty to keep them.">
        <Input value={measures} onChange={(_, v) => setMeasures(v.value)} />
      </Field>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit">
          Save
        </Button>
        <Button onClick={() => void send({ reset: true })}>Put the default back</Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
