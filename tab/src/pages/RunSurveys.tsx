import { Button, Field, Input, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { CycleDto, QuestionnaireDto, QuestionnaireListDto, QuestionnaireSummaryDto } from '../../../src/server/api/types';
import { api, ApiError } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatDay } from '../model/format';
import { errorsByField, slugOf, stateOf } from '../model/surveyAdmin';

/**
 * Running surveys, for the PSW and admins (ADR 0021): every cycle and where it stands, the
 * PSW's own pulse surveys, and the templates to make a new one from. A cycle is made,
 * previewed, opened, closed and published on its own page; a pulse is edited on its own page.
 */
export default function RunSurveys({ go }: PageProps) {
  const surveys = useApi<QuestionnaireListDto>('/api/questionnaires');
  const cycles = useApi<CycleDto[]>('/api/health-check/cycles');
  return (
    <>
      <h2>Run surveys</h2>
      <p className="phc-muted">
        Make a pulse survey from a template, choose who is asked and when, preview the cards staff will get, open it, and publish the results to staff once it closes. The Health Check is run the same
        way.
      </p>
      <section aria-labelledby="cycles-heading">
        <h3 id="cycles-heading">Survey cycles</h3>
        <div className="phc-buttons">
          <Button appearance="primary" onClick={() => go({ page: 'cycle', params: {} })}>
            New cycle
          </Button>
        </div>
        <Load result={cycles} what="the cycles">
          {(list) => {
            const live = list.filter((c) => c.kind === 'live');
            if (live.length === 0) return <Empty>No survey has been run in the app yet. Start one with New cycle.</Empty>;
            return (
              <DataTable
                title="Cycles run in the app"
                columns={['Cycle', 'Survey', 'Open', 'Where it is', 'Settings']}
                rowKeys={live.map((c) => c.id)}
                rows={live.map((c) => [c.title, c.surveyKind === 'pulse' ? 'Pulse' : 'Health Check', `${formatDay(c.opensOn)} to ${formatDay(c.closesOn)}`, stateOf(c), 'Open'])}
                render={(r, c) => {
                  const cycle = live[r];
                  if (c !== 4 || !cycle) return undefined;
                  const label = cycle.status === 'draft' ? 'Change or open' : cycle.status === 'open' ? 'Watch or close' : cycle.publishedOn ? 'See' : 'Publish';
                  return (
                    <Button size="small" onClick={() => go({ page: 'cycle', params: { id: cycle.id } })} aria-label={`${label}: ${cycle.title}`}>
                      {label}
                    </Button>
                  );
                }}
              />
            );
          }}
        </Load>
      </section>
      <Load result={surveys} what="the surveys">
        {(l) => <Surveys list={l.questionnaires} go={go} />}
      </Load>
    </>
  );
}

function Surveys({ list, go }: { readonly list: readonly QuestionnaireSummaryDto[]; readonly go: PageProps['go'] }) {
  const own = list.filter((q) => !q.builtIn);
  const templates = list.filter((q) => q.template);
  return (
    <>
      <section aria-labelledby="pulses-heading">
        <h3 id="pulses-heading">Your pulse surveys</h3>
        {own.length === 0 ? (
          <Empty>You have no pulse surveys yet. Copy a template below to make one.</Empty>
        ) : (
          <DataTable
            title="Pulse surveys you have made"
            columns={['Survey', 'Questions', 'Version', 'Copied from', 'Questions and wording']}
            rowKeys={own.map((q) => q.id)}
            rows={own.map((q) => [q.title, String(q.questions), String(q.version), list.find((t) => t.id === q.basedOn?.id)?.title ?? q.basedOn?.id ?? '', 'Edit'])}
            render={(r, c) => {
              const q = own[r];
              return c === 4 && q ? (
                <Button size="small" onClick={() => go({ page: 'questionnaire', params: { id: q.id } })} aria-label={`Edit: ${q.title}`}>
                  Edit
                </Button>
              ) : undefined;
            }}
          />
        )}
      </section>
      <section aria-labelledby="templates-heading">
        <h3 id="templates-heading">Start from a template</h3>
        <ul className="phc-options">
          {templates.map((t) => (
            <li key={t.id}>
              <strong>{t.title}</strong> ({t.questions} questions): {t.summary}
            </li>
          ))}
        </ul>
        <CopyTemplate templates={templates} taken={list.map((q) => q.id)} go={go} />
      </section>
    </>
  );
}

function CopyTemplate({ templates, taken, go }: { readonly templates: readonly QuestionnaireSummaryDto[]; readonly taken: readonly string[]; readonly go: PageProps['go'] }) {
  const [from, setFrom] = useState(templates[0]?.id ?? '');
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [idTouched, setIdTouched] = useState(false);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const chosen = templates.find((t) => t.id === from);
  const shownId = idTouched ? id : slugOf(title || chosen?.title || '', taken);
  const copy = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const made = await api<QuestionnaireDto>('/api/questionnaires', { method: 'POST', body: { from, id: shownId, ...(title.trim() ? { title: title.trim() } : {}) } });
      go({ page: 'questionnaire', params: { id: made.questionnaire.id } });
    } catch (e) {
      setErrors(e instanceof ApiError ? errorsByField(e.body.fieldErrors) : {});
      setOutcome(failedOutcome(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="phc-form"
      aria-label="Copy a template"
      onSubmit={(e) => {
        e.preventDefault();
        void copy();
      }}
    >
      <Field label="Template" validationMessage={errors.from}>
        <Select value={from} onChange={(_, d) => setFrom(d.value)}>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Title of your survey" hint="What staff see, e.g. Supervision pulse, spring 2027. Left empty: the template's title and this month." validationMessage={errors.title}>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <Field label="Survey id" hint="Lower-case letters, digits and dashes; it names the survey in exports and at the command line." validationMessage={errors.id}>
        <Input
          value={shownId}
          onChange={(_, d) => {
            setIdTouched(true);
            setId(d.value);
          }}
        />
      </Field>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy || !from}>
          Copy and edit
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
