import { Button, Field, Input, Link, MessageBar, MessageBarBody, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeDto, ReviewDto, ReviewYearDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { OutcomeMessage } from '../components/Outcome';
import { PeoplePicker, PersonPicker } from '../components/PersonPicker';
import { Empty, Load } from '../components/States';
import { ToActionForm } from '../components/ToActionForm';
import { useSend } from '../components/useSend';
import { useApi } from '../hooks';
import { useLatest } from '../components/useLatest';
import { formatDay } from '../model/format';
import { reviewSlotsTable } from '../model/framework';

/**
 * Thematic practice reviews: the year's four quarterly reviews of the annual plan, each with
 * its theme, scope, objectives, methodology, review group and the framework's three stages;
 * findings and recommendations as the review goes, a recommendation put in the action plan.
 */
export default function ThematicReviews({ me, route, go }: PageProps) {
  const year = route.params.year;
  const data = useLatest(useApi<ReviewYearDto>(`/api/framework/reviews${year ? `?year=${encodeURIComponent(year)}` : ''}`));
  const slot = route.params.slot ? Number(route.params.slot) : undefined;
  return (
    <>
      <h2>Thematic reviews</h2>
      <p className="phc-muted">
        Up to four themes a year, one each quarter in the annual audit plan. Each review goes through the framework&apos;s three stages: scope, agree methodology and objectives; research, evaluate and
        investigate; report, recommend and propose.
      </p>
      <Load result={data} what="the thematic reviews">
        {(y) => (
          <div data-testid="reviews">
            <div className="phc-row">
              <Field label="Council year">
                <Select value={String(y.year)} onChange={(_, d) => go({ page: 'reviews', params: { year: d.value } })}>
                  {[y.year - 1, y.year, y.year + 1].map((v) => (
                    <option key={v} value={v}>
                      April {v} – March {v + 1}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            {y.missingCoverage.length > 0 && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  The framework asks that each year&apos;s reviews cover personalisation and safeguarding practice. Not covered yet this year: {y.missingCoverage.join(' and ')}.
                </MessageBarBody>
              </MessageBar>
            )}
            {y.slots.length === 0 ? (
              <Empty>You are not in the review group of any thematic review this year.</Empty>
            ) : (
              <DataTable
                {...reviewSlotsTable(y)}
                rowKeys={y.slots.map((s) => String(s.slot))}
                render={(r, c) => {
                  const s = y.slots[r];
                  return c === 0 && s && (s.review || y.canCreate) ? <Link href={`#/reviews?year=${y.year}&slot=${s.slot}`}>Review {s.slot}</Link> : undefined;
                }}
              />
            )}
            {slot !== undefined && <Slot key={`${y.year}-${slot}`} year={y} slot={slot} me={me} onChange={data.reload} />}
          </div>
        )}
      </Load>
    </>
  );
}

function Slot({ year, slot, me, onChange }: { readonly year: ReviewYearDto; readonly slot: number; readonly me: MeDto; readonly onChange: () => void }) {
  const found = year.slots.find((s) => s.slot === slot);
  if (!found) return <Empty>There is no review {slot} to show you this year.</Empty>;
  if (!found.review) return year.canCreate ? <PlanForm year={year} slot={slot} me={me} onDone={onChange} /> : <Empty>Review {slot} has no theme yet.</Empty>;
  return <ReviewDetail review={found.review} year={year} me={me} onChange={onChange} />;
}

function PlanForm({ year, slot, me, review, onDone }: { readonly year: ReviewYearDto; readonly slot: number; readonly me: MeDto; readonly review?: ReviewDto; readonly onDone: () => void }) {
  const [theme, setTheme] = useState(review?.theme ?? '');
  const [reasons, setReasons] = useState<readonly string[]>(review?.reasons ?? []);
  const [covers, setCovers] = useState<readonly string[]>(review?.covers ?? []);
  const [scope, setScope] = useState(review?.scope ?? '');
  const [objectives, setObjectives] = useState(review?.objectives ?? '');
  const [methods, setMethods] = useState<readonly string[]>(review?.methods ?? []);
  const [methodology, setMethodology] = useState(review?.methodology ?? '');
  const [leadId, setLeadId] = useState(review?.leadId ?? me.person.id);
  const [group, setGroup] = useState<readonly { id: string; name: string }[]>(review?.reviewGroup ?? []);
  const [stages, setStages] = useState<Record<string, string>>(Object.fromEntries((review?.stages ?? []).map((s) => [s.stage, s.due])));
  const { send, err, outcome, busy } = useSend();
  const toggle = (list: readonly string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const checks = (legend: string, choices: readonly { id: string; label: string }[], value: readonly string[], set: (v: readonly string[]) => void, field: string) => (
    <fieldset className="phc-fieldset">
      <legend>{legend}</legend>
      {choices.map((c) => (
        <label key={c.id}>
          <input type="checkbox" checked={value.includes(c.id)} onChange={(e) => set(toggle(value, c.id, e.target.checked))} /> {c.label}
        </label>
      ))}
      {err(field).validationMessage && (
        <p className="phc-error" role="alert">
          {err(field).validationMessage}
        </p>
      )}
    </fieldset>
  );
  const submit = () => {
    const body = { theme, reasons, covers, scope, objectives, methods, methodology, leadId, reviewGroup: group.map((p) => p.id), stages };
    void send(
      () =>
        review
          ? api<ReviewDto>(`/api/framework/reviews/${encodeURIComponent(review.id)}`, { method: 'PATCH', body: { ...body, version: review.version } })
          : api<ReviewDto>('/api/framework/reviews', { method: 'POST', body: { ...body, year: year.year, slot } }),
      () => 'The review is saved.',
    ).then((r) => r && onDone());
  };
  return (
    <form
      className="phc-form"
      aria-labelledby="review-plan"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id="review-plan">{review ? `Change review ${slot}'s plan` : `Plan review ${slot} of ${year.year}/${String((year.year + 1) % 100).padStart(2, '0')}`}</h3>
      <Field label="Theme" required {...err('theme')}>
        <Input value={theme} onChange={(_, d) => setTheme(d.value)} />
      </Field>
      {checks('Where the theme came from', year.choices.reasons, reasons, setReasons, 'reasons')}
      {checks('What it covers of what every year must', year.choices.covers, covers, setCovers, 'covers')}
      <Field label="Scope" required {...err('scope')}>
        <Textarea value={scope} onChange={(_, d) => setScope(d.value)} resize="vertical" />
      </Field>
      <Field label="Objectives" required {...err('objectives')}>
        <Textarea value={objectives} onChange={(_, d) => setObjectives(d.value)} resize="vertical" />
      </Field>
      {checks('Methods', year.choices.methods, methods, setMethods, 'methods')}
      <Field label="Methodology in more detail" {...err('methodology')}>
        <Textarea value={methodology} onChange={(_, d) => setMethodology(d.value)} resize="vertical" />
      </Field>
      <PersonPicker
        label="Lead"
        value={leadId}
        onChange={setLeadId}
        known={[{ id: me.person.id, name: `${me.person.displayName} (you)` }, ...(review && review.leadId !== me.person.id ? [{ id: review.leadId, name: review.lead }] : [])]}
        required
        {...(err('leadId').validationMessage ? { error: err('leadId').validationMessage as string } : {})}
      />
      <PeoplePicker label="Review group" value={group} onChange={setGroup} {...(err('reviewGroup').validationMessage ? { error: err('reviewGroup').validationMessage as string } : {})} />
      <fieldset className="phc-fieldset">
        <legend>When each stage is due</legend>
        {year.choices.stages.map((s, i) => (
          <Field key={s.id} label={`Stage ${i + 1}: ${s.title}`} required {...err(`stages.${s.id}`)}>
            <Input
              type="date"
              value={stages[s.id] ?? ''}
              disabled={Boolean(review?.stages.find((x) => x.stage === s.id)?.completedOn)}
              onChange={(_, d) => setStages((all) => ({ ...all, [s.id]: d.value }))}
            />
          </Field>
        ))}
      </fieldset>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy}>
          {review ? 'Save the plan' : 'Plan the review'}
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function ReviewDetail({ review, year, me, onChange }: { readonly review: ReviewDto; readonly year: ReviewYearDto; readonly me: MeDto; readonly onChange: () => void }) {
  const { send, err, outcome, busy } = useSend();
  const [finding, setFinding] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const [editing, setEditing] = useState(false);
  const [making, setMaking] = useState<string | null>(null);
  const base = `/api/framework/reviews/${encodeURIComponent(review.id)}`;
  const current = review.stages.find((s) => s.completedOn === null);
  const add = (kind: 'findings' | 'recommendations', text: string, clear: () => void) =>
    void send(
      () => api<ReviewDto>(`${base}/${kind}`, { method: 'POST', body: { version: review.version, text } }),
      () => (kind === 'findings' ? 'The finding is recorded.' : 'The recommendation is recorded.'),
    ).then((r) => {
      if (r) {
        clear();
        onChange();
      }
    });
  return (
    <section aria-labelledby="review-title" data-testid="review">
      <h3 id="review-title">
        Review {review.slot}: {review.theme}
      </h3>
      <p>
        <strong>{review.statusLabel}.</strong> Led by {review.lead}. Review group: {review.reviewGroup.map((p) => p.name).join(', ')}.
      </p>
      <p>
        <strong>Scope:</strong> {review.scope}
      </p>
      <p>
        <strong>Objectives:</strong> {review.objectives}
      </p>
      {review.methodology && (
        <p>
          <strong>Methodology:</strong> {review.methodology}
        </p>
      )}
      <DataTable
        title="Stages"
        columns={['Stage', 'Due', 'Completed', 'Complete it']}
        rowKeys={review.stages.map((s) => s.stage)}
        rows={review.stages.map((s, i) => [`${i + 1}. ${s.title}`, formatDay(s.due), s.completedOn ? formatDay(s.completedOn) : 'Not yet', ''])}
        render={(r, c) => {
          const s = review.stages[r];
          return c === 3 && s && s === current && review.can.work ? (
            <Button
              size="small"
              disabled={busy}
              onClick={() =>
                void send(
                  () => api<ReviewDto>(`${base}/stages/${s.stage}/complete`, { method: 'POST', body: { version: review.version } }),
                  () => `"${s.title}" is complete.`,
                ).then((x) => x && onChange())
              }
            >
              Mark complete
            </Button>
          ) : undefined;
        }}
      />
      <OutcomeMessage outcome={outcome} />
      <h4>Findings</h4>
      {review.findings.length === 0 ? (
        <p className="phc-muted">No findings recorded yet.</p>
      ) : (
        <ul>
          {review.findings.map((f) => (
            <li key={f.id}>{f.text}</li>
          ))}
        </ul>
      )}
      {review.can.work && (
        <form
          className="phc-form"
          aria-label="Record a finding"
          onSubmit={(e) => {
            e.preventDefault();
            add('findings', finding, () => setFinding(''));
          }}
        >
          <Field label="A finding" hint="About practice, naming nobody." {...err('text')}>
            <Textarea value={finding} onChange={(_, d) => setFinding(d.value)} resize="vertical" />
          </Field>
          <div className="phc-buttons">
            <Button type="submit" disabled={busy}>
              Record the finding
            </Button>
          </div>
        </form>
      )}
      <h4>Recommendations</h4>
      {review.recommendations.length === 0 ? (
        <p className="phc-muted">No recommendations recorded yet.</p>
      ) : (
        <DataTable
          title="Recommendations"
          columns={['Recommendation', 'Action plan']}
          rowKeys={review.recommendations.map((r) => r.id)}
          rows={review.recommendations.map((r) => [r.text, r.actionId ? 'In the action plan' : review.can.makeAction ? 'Put in the action plan' : 'Not yet'])}
          render={(r, c) => {
            const x = review.recommendations[r];
            return c === 1 && x && !x.actionId && review.can.makeAction ? (
              <Button size="small" onClick={() => setMaking(x.id)} aria-label={`Put in the action plan: ${x.text}`}>
                Put in the action plan
              </Button>
            ) : undefined;
          }}
        />
      )}
      {making && (
        <ToActionForm
          key={making}
          title="Put the recommendation in the action plan"
          me={me}
          url={`${base}/recommendations/${encodeURIComponent(making)}/action`}
          version={review.version}
          onDone={() => {
            setMaking(null);
            onChange();
          }}
        />
      )}
      {review.can.work && (
        <form
          className="phc-form"
          aria-label="Record a recommendation"
          onSubmit={(e) => {
            e.preventDefault();
            add('recommendations', recommendation, () => setRecommendation(''));
          }}
        >
          <Field label="A recommendation" hint="What should change, naming nobody." {...err('text')}>
            <Textarea value={recommendation} onChange={(_, d) => setRecommendation(d.value)} resize="vertical" />
          </Field>
          <div className="phc-buttons">
            <Button type="submit" disabled={busy}>
              Record the recommendation
            </Button>
          </div>
        </form>
      )}
      {review.can.plan && (
        <div className="phc-buttons">
          <Button onClick={() => setEditing((e) => !e)}>{editing ? 'Close the plan' : 'Change the plan'}</Button>
        </div>
      )}
      {editing && <PlanForm year={year} slot={review.slot} me={me} review={review} onDone={onChange} />}
    </section>
  );
}
