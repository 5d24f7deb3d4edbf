import { Button, Checkbox, Field, Input, Link, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { AudienceChoicesDto, CardPreviewDto, CycleDto, CycleSettingsDto, OpenCycleDto, PublishCycleDto, QuestionnaireListDto, ResponseRateDto } from '../../../src/server/api/types';
import { api, ApiError } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { Empty, ErrorState, Load, Loading } from '../components/States';
import { useApi } from '../hooks';
import { lazyModule } from '../lazyModule';
import { formatCount, formatDay } from '../model/format';
import { liveRateNote, responseRateText, teamRatesTable } from '../model/healthCheck';
import { errorsByField, formOf, newCycleForm, requestOf, stateOf, THRESHOLD_HINT, type CycleForm } from '../model/surveyAdmin';

const cardPreview = lazyModule(() => import('../components/CardPreview'));

const today = (): string => new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });

/**
 * One survey cycle, from draft to published results (ADR 0021): its settings while a draft
 * (every one may change; each refusal is shown at its field), a preview of the cards staff
 * will be sent, Open; then the response rate (small groups hidden, as everywhere), Close;
 * then Publish, which shows the results to staff and tells them in Teams.
 */
export default function CycleSettings({ route, go }: PageProps) {
  const id = route.params.id;
  const settings = useApi<CycleSettingsDto>(id ? `/api/cycles/${encodeURIComponent(id)}` : null);
  const surveys = useApi<QuestionnaireListDto>('/api/questionnaires');
  const choices = useApi<AudienceChoicesDto>('/api/cycles/audiences');
  const cycles = useApi<CycleDto[]>('/api/health-check/cycles');
  // Kept here, above what reloads, so that "Opened", "Saved" and the like stay on screen.
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const back = (
    <Button appearance="subtle" onClick={() => go({ page: 'run-surveys', params: {} })}>
      Back to Run surveys
    </Button>
  );
  if (surveys.state !== 'ok' || choices.state !== 'ok' || cycles.state !== 'ok') {
    return (
      <>
        {back}
        <Load result={surveys} what="the surveys">
          {() => (
            <Load result={choices} what="who can be asked">
              {() => (
                <Load result={cycles} what="the cycles">
                  {() => null}
                </Load>
              )}
            </Load>
          )}
        </Load>
      </>
    );
  }
  const runnable = surveys.data.questionnaires.filter((q) => !q.template);
  if (!id) {
    const wanted = route.params.survey && runnable.some((q) => q.id === route.params.survey) ? route.params.survey : (runnable.find((q) => !q.builtIn)?.id ?? runnable[0]?.id ?? '');
    return (
      <>
        {back}
        <h2>New survey cycle</h2>
        <SettingsForm
          initial={newCycleForm(
            today(),
            cycles.data.map((c) => c.id),
            wanted,
          )}
          isNew
          surveys={runnable}
          choices={choices.data}
          onSaved={(saved) => go({ page: 'cycle', params: { id: saved.cycle.id } })}
        />
      </>
    );
  }
  return (
    <>
      {back}
      <OutcomeMessage outcome={outcome} />
      <Load result={settings} what="the cycle">
        {(s) => <Cycle key={s.cycle.id} settings={s} surveys={runnable} choices={choices.data} reload={settings.reload} go={go} setOutcome={setOutcome} />}
      </Load>
    </>
  );
}

type Runnable = QuestionnaireListDto['questionnaires'];

function Cycle(props: {
  readonly settings: CycleSettingsDto;
  readonly surveys: Runnable;
  readonly choices: AudienceChoicesDto;
  readonly reload: () => void;
  readonly go: PageProps['go'];
  readonly setOutcome: (outcome: Outcome | undefined) => void;
}) {
  const { settings, surveys, choices, reload, go, setOutcome } = props;
  const c = settings.cycle;
  const [busy, setBusy] = useState(false);
  const step = async (what: 'open' | 'close' | 'publish') => {
    setBusy(true);
    setOutcome(undefined);
    try {
      if (what === 'open') {
        const r = await api<OpenCycleDto>(`/api/cycles/${encodeURIComponent(c.id)}/open`, { method: 'POST' });
        setOutcome({ ok: true, text: `Opened. ${formatCount(r.queued.invitations)} invitations queued for ${formatCount(r.queued.audience)} people; they go out in working hours.` });
      } else if (what === 'close') {
        await api<CycleDto>(`/api/cycles/${encodeURIComponent(c.id)}/close`, { method: 'POST' });
        setOutcome({ ok: true, text: 'Closed. Nobody can answer now. Check the results, then publish them to staff.' });
      } else {
        const r = await api<PublishCycleDto>(`/api/cycles/${encodeURIComponent(c.id)}/publish`, { method: 'POST' });
        setOutcome({ ok: true, text: `Published. Staff can read the results in the tab, and ${formatCount(r.notices)} people will be told in Teams.` });
      }
      reload();
    } catch (e) {
      setOutcome(failedOutcome(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="cycle" data-status={c.status}>
      <h2>{c.title}</h2>
      <p>
        <strong>{stateOf(c)}.</strong> {settings.surveyTitle} (version {settings.surveyVersion}), asking {settings.audienceText} ({formatCount(settings.audienceSize)} people), from{' '}
        {formatDay(c.opensOn)} to {formatDay(c.closesOn)}.
      </p>
      {settings.editable ? (
        <SettingsForm
          initial={formOf(settings)}
          isNew={false}
          surveys={surveys}
          choices={choices}
          onSaved={() => {
            setOutcome({ ok: true, text: 'Saved: nothing has been sent.' });
            reload();
          }}
        />
      ) : (
        <Summary settings={settings} />
      )}
      {c.kind === 'live' && <Preview cycleId={c.id} />}
      <section aria-labelledby="next-heading">
        <h3 id="next-heading">Next step</h3>
        {c.status === 'draft' && (
          <>
            <p>Opening sends an invitation to everyone asked (when messages may be sent, as set above) and fixes these settings: the threshold is a promise to the people who answer.</p>
            <Button appearance="primary" disabled={busy} onClick={() => void step('open')}>
              Open it now
            </Button>
          </>
        )}
        {c.status === 'open' && (
          <>
            <ResponseRate cycleId={c.id} />
            <p>Closing stops answers. You, admins and the management team can then read the results before staff do.</p>
            <Button appearance="primary" disabled={busy} onClick={() => void step('close')}>
              Close it now
            </Button>
          </>
        )}
        {c.status === 'closed' && !c.publishedOn && (
          <>
            <ResponseRate cycleId={c.id} />
            <p>
              Check the results (<Link href={`#/health-check?cycle=${encodeURIComponent(c.id)}`}>read them</Link>), then publish them: staff see the whole-cycle results in the tab, and the bot tells
              everyone asked that the results are out.
            </p>
            <Button appearance="primary" disabled={busy} onClick={() => void step('publish')}>
              Publish the results to staff
            </Button>
          </>
        )}
        {c.publishedOn && (
          <p>
            The results were published to staff on {formatDay(c.publishedOn)}.{' '}
            <Link
              href={`#/health-check?cycle=${encodeURIComponent(c.id)}`}
              onClick={(e) => {
                e.preventDefault();
                go({ page: 'health-check', params: { cycle: c.id } });
              }}
            >
              Read the results
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}

function Summary({ settings }: { readonly settings: CycleSettingsDto }) {
  const c = settings.cycle;
  const days = (list: readonly number[]) => (list.length === 0 ? 'none' : list.join(', '));
  return (
    <section aria-labelledby="settings-heading">
      <h3 id="settings-heading">Settings (fixed when it opened)</h3>
      <ul className="phc-options">
        <li>
          Results are shown only for groups of {c.threshold} or more; written comments for {c.textThreshold} or more.
        </li>
        <li>
          Reminders {days(settings.reminders.afterOpening)} days after opening and {days(settings.reminders.beforeClosing)} days before closing, to people the app has no record of having answered.
        </li>
        <li>{settings.workingHours ? `Messages are sent on weekdays from ${settings.workingHours.start} to ${settings.workingHours.end} UK time.` : 'Messages are sent at any time.'}</li>
      </ul>
    </section>
  );
}

function ResponseRate({ cycleId }: { readonly cycleId: string }) {
  const rate = useApi<ResponseRateDto>(`/api/health-check/cycles/${encodeURIComponent(cycleId)}/response-rate`);
  return (
    <Load result={rate} what="the response rate">
      {(r) => (
        <>
          <p>
            Response rate: <strong data-testid="response-rate">{responseRateText(r)}</strong>
          </p>
          {liveRateNote(r) && <p className="phc-muted">{liveRateNote(r)}</p>}
          {r.teams.length > 0 && <DataTable {...teamRatesTable(r)} />}
        </>
      )}
    </Load>
  );
}

function Preview({ cycleId }: { readonly cycleId: string }) {
  const [asked, setAsked] = useState(false);
  const [index, setIndex] = useState(0);
  const preview = useApi<CardPreviewDto>(asked ? `/api/cycles/${encodeURIComponent(cycleId)}/preview` : null);
  const Card = cardPreview.use();
  return (
    <section aria-labelledby="preview-heading">
      <h3 id="preview-heading">Preview the cards staff will get</h3>
      {!asked ? (
        <Button onClick={() => setAsked(true)}>Show the cards</Button>
      ) : (
        <Load result={preview} what="the cards">
          {(p) => {
            const current = p.cards[Math.min(index, p.cards.length - 1)];
            if (!current) return <Empty>There are no cards to show.</Empty>;
            return (
              <>
                <div className="phc-preview-bar">
                  <Button disabled={index === 0} onClick={() => setIndex(index - 1)}>
                    Previous card
                  </Button>
                  <span role="status" data-testid="preview-position">
                    Card {index + 1} of {p.cards.length}: {current.title}
                  </span>
                  <Button disabled={index >= p.cards.length - 1} onClick={() => setIndex(index + 1)}>
                    Next card
                  </Button>
                </div>
                <p className="phc-muted">As Teams draws it on a computer. The buttons do nothing here.</p>
                {Card === undefined ? <Loading what="the card" /> : Card instanceof Error ? <ErrorState message={Card.message} /> : <Card card={current.card} title={current.title} />}
              </>
            );
          }}
        </Load>
      )}
    </section>
  );
}

function SettingsForm({
  initial,
  isNew,
  surveys,
  choices,
  onSaved,
}: {
  readonly initial: CycleForm;
  readonly isNew: boolean;
  readonly surveys: Runnable;
  readonly choices: AudienceChoicesDto;
  readonly onSaved: (saved: CycleSettingsDto) => void;
}) {
  const [form, setForm] = useState<CycleForm>(initial);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof CycleForm>(key: K, value: CycleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const toggle = <T extends string>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));
  const save = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const body = requestOf(form, isNew);
      const saved = isNew ? await api<CycleSettingsDto>('/api/cycles', { method: 'POST', body }) : await api<CycleSettingsDto>(`/api/cycles/${encodeURIComponent(form.id)}`, { method: 'PATCH', body });
      setErrors({});
      setOutcome({ ok: true, text: isNew ? 'Saved as a draft: nothing has been sent.' : 'Saved.' });
      onSaved(saved);
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
      aria-label={isNew ? 'New cycle' : 'Settings of this draft'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {isNew && (
        <Field label="Cycle id" hint="Lower-case letters, digits and dashes, e.g. pulse-2027-05." validationMessage={errors.id}>
          <Input value={form.id} onChange={(_, d) => set('id', d.value)} />
        </Field>
      )}
      <Field label="Survey" validationMessage={errors.surveyId}>
        <Select value={form.surveyId} onChange={(_, d) => set('surveyId', d.value)}>
          {surveys.map((q) => (
            <option key={q.id} value={q.id}>
              {q.title} ({q.questions} questions)
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Title staff will see" hint="Left empty: the survey's title." validationMessage={errors.title}>
        <Input value={form.title} onChange={(_, d) => set('title', d.value)} />
      </Field>
      <div className="phc-row">
        <Field label="Opens on" validationMessage={errors.opensOn}>
          <Input type="date" value={form.opensOn} onChange={(_, d) => set('opensOn', d.value)} />
        </Field>
        <Field label="Closes on" validationMessage={errors.closesOn}>
          <Input type="date" value={form.closesOn} onChange={(_, d) => set('closesOn', d.value)} />
        </Field>
      </div>
      <Field label="Who is asked" validationMessage={errors.audience}>
        <RadioGroup value={form.audienceKind} onChange={(_, d) => set('audienceKind', d.value as CycleForm['audienceKind'])}>
          <Radio value="everyone" label={`Everyone (${formatCount(choices.everyone)} people)`} />
          <Radio value="teams" label="Some teams" />
          <Radio value="roles" label="Some roles" />
        </RadioGroup>
      </Field>
      {form.audienceKind === 'teams' && (
        <fieldset className="phc-fieldset">
          <legend>Teams asked</legend>
          {choices.teams.map((t) => (
            <Checkbox
              key={t.id}
              label={`${t.name} (${formatCount(t.people)})`}
              checked={form.teamIds.includes(t.id)}
              onChange={(_, d) => set('teamIds', toggle(form.teamIds, t.id, d.checked === true))}
            />
          ))}
        </fieldset>
      )}
      {form.audienceKind === 'roles' && (
        <fieldset className="phc-fieldset">
          <legend>Roles asked</legend>
          {choices.roles.map((r) => (
            <Checkbox key={r.id} label={`${r.label} (${formatCount(r.people)})`} checked={form.roles.includes(r.id)} onChange={(_, d) => set('roles', toggle(form.roles, r.id, d.checked === true))} />
          ))}
        </fieldset>
      )}
      <div className="phc-row">
        <Field label="Smallest group shown" hint={THRESHOLD_HINT} validationMessage={errors.threshold}>
          <Input value={form.threshold} onChange={(_, d) => set('threshold', d.value)} inputMode="numeric" />
        </Field>
        <Field label="Smallest group for written comments" validationMessage={errors.textThreshold}>
          <Input value={form.textThreshold} onChange={(_, d) => set('textThreshold', d.value)} inputMode="numeric" />
        </Field>
      </div>
      <div className="phc-row">
        <Field label="Reminders, days after opening" hint="e.g. 3, 5; empty for none." validationMessage={errors.reminders}>
          <Input value={form.remindAfter} onChange={(_, d) => set('remindAfter', d.value)} />
        </Field>
        <Field label="Reminders, days before closing" hint="e.g. 2; empty for none.">
          <Input value={form.remindBefore} onChange={(_, d) => set('remindBefore', d.value)} />
        </Field>
      </div>
      <Field label="When messages are sent" validationMessage={errors.workingHours}>
        <Checkbox label="At any time (a 24-hour service)" checked={form.anyTime} onChange={(_, d) => set('anyTime', d.checked === true)} />
      </Field>
      {!form.anyTime && (
        <div className="phc-row">
          <Field label="From (weekdays, UK time)">
            <Input type="time" value={form.start} onChange={(_, d) => set('start', d.value)} />
          </Field>
          <Field label="Until">
            <Input type="time" value={form.end} onChange={(_, d) => set('end', d.value)} />
          </Field>
        </div>
      )}
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy}>
          {isNew ? 'Save as a draft' : 'Save changes'}
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}
