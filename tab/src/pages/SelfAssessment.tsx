import { Button, Field, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { MeDto, SelfAssessmentDto, SelfAssessmentPageDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { OutcomeMessage } from '../components/Outcome';
import { Empty, Load } from '../components/States';
import { ToActionForm } from '../components/ToActionForm';
import { useSend } from '../components/useSend';
import { useApi } from '../hooks';
import { useLatest } from '../components/useLatest';
import { formatDay } from '../model/format';
import { evidenceTable } from '../model/framework';

const KINDS = [
  { id: 'national-standards', label: 'National professional standards audit (October – December)' },
  { id: 'health-check', label: 'Annual health check (January – March)' },
] as const;

/**
 * The national professional standards audit and the annual health check as self-assessments:
 * each standard (or area) with the app's own evidence, rated and commented on by the PSW,
 * improvement actions put in the action plan, then endorsed by the management team.
 */
export default function SelfAssessment({ me, route, go }: PageProps) {
  const kind = route.params.kind === 'health-check' ? 'health-check' : 'national-standards';
  const year = route.params.year;
  const page = useLatest(useApi<SelfAssessmentPageDto>(`/api/framework/self-assessments?kind=${kind}${year ? `&year=${encodeURIComponent(year)}` : ''}`));
  const { send, outcome, busy } = useSend();
  return (
    <>
      <h2>Self-assessment</h2>
      <Load result={page} what="the self-assessment">
        {(p) => (
          <div data-testid="self-assessment">
            <div className="phc-row">
              <Field label="Self-assessment">
                <Select value={kind} onChange={(_, d) => go({ page: 'self-assessment', params: { kind: d.value, year: String(p.year) } })}>
                  {KINDS.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Council year">
                <Select value={String(p.year)} onChange={(_, d) => go({ page: 'self-assessment', params: { kind, year: d.value } })}>
                  {[p.year - 1, p.year, p.year + 1].map((y) => (
                    <option key={y} value={y}>
                      April {y} – March {y + 1}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <h3>
              {p.title} {p.year}/{String((p.year + 1) % 100).padStart(2, '0')}
            </h3>
            {p.task && <p className="phc-muted">Due in the annual audit plan on {formatDay(p.task.due)}.</p>}
            {!p.assessment ? (
              <>
                <Empty>
                  Not started yet. Starting it fills in each {kind === 'national-standards' ? 'standard' : 'area'} with the app&apos;s own evidence as it stands today: survey scores, audit compliance,
                  caseloads, 39-steps returns and focus group themes.
                </Empty>
                {p.can.start && (
                  <div className="phc-buttons">
                    <Button
                      appearance="primary"
                      disabled={busy}
                      onClick={() => void send(() => api('/api/framework/self-assessments', { method: 'POST', body: { kind, year: p.year } })).then((r) => r !== undefined && page.reload())}
                    >
                      Start the self-assessment
                    </Button>
                  </div>
                )}
                <OutcomeMessage outcome={outcome} />
              </>
            ) : (
              <Assessment key={p.assessment.id} page={p} assessment={p.assessment} me={me} onChange={page.reload} />
            )}
          </div>
        )}
      </Load>
    </>
  );
}

function Assessment({ page, assessment: a, me, onChange }: { readonly page: SelfAssessmentPageDto; readonly assessment: SelfAssessmentDto; readonly me: MeDto; readonly onChange: () => void }) {
  const { send, outcome, busy } = useSend();
  const [note, setNote] = useState('');
  const base = `/api/framework/self-assessments/${encodeURIComponent(a.id)}`;
  const step = (name: string, done: string, body: Record<string, unknown> = {}) =>
    void send(
      () => api(`${base}/${name}`, { method: 'POST', body: { version: a.version, ...body } }),
      () => done,
    ).then((r) => r !== undefined && onChange());
  const rated = a.items.filter((i) => i.rating !== null).length;
  return (
    <section aria-label={page.title}>
      <p data-testid="self-assessment-status">
        <strong>{a.statusLabel}.</strong> {rated} of {a.items.length} rated. Evidence as read on {formatDay(a.evidenceOn)}.
        {a.submittedOn && ` Submitted by ${a.submittedBy ?? 'the PSW'} on ${formatDay(a.submittedOn)}.`}
        {a.endorsedOn && ` Endorsed by ${a.endorsedBy ?? 'the management team'} on ${formatDay(a.endorsedOn)}.`}
      </p>
      {a.returnedNote && <p className="phc-error">Returned by the management team: {a.returnedNote}</p>}
      <div className="phc-buttons">
        {page.can.edit && (
          <Button disabled={busy} onClick={() => step('refresh', 'The evidence is read again; ratings and comments are as they were.')}>
            Refresh the evidence
          </Button>
        )}
        {page.can.submit && (
          <Button appearance="primary" disabled={busy} onClick={() => step('submit', 'Sent to the management team for endorsement.')}>
            Submit for endorsement
          </Button>
        )}
      </div>
      {page.can.endorse && (
        <div className="phc-form">
          <div className="phc-buttons">
            <Button appearance="primary" disabled={busy} onClick={() => step('endorse', 'Endorsed: the audit is complete.')}>
              Endorse the self-assessment
            </Button>
          </div>
          <Field label="Or return it to the PSW, saying what to look at again">
            <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
          </Field>
          <div className="phc-buttons">
            <Button disabled={busy || note.trim() === ''} onClick={() => step('return', 'Returned to the PSW with your note.', { note })}>
              Return it
            </Button>
          </div>
        </div>
      )}
      <OutcomeMessage outcome={outcome} />
      {a.items.length === 0 && <Empty>Nothing to rate.</Empty>}
      {a.items.map((item) => (
        <Item key={item.id} page={page} assessment={a} item={item} me={me} onChange={onChange} />
      ))}
    </section>
  );
}

function Item({
  page,
  assessment,
  item,
  me,
  onChange,
}: {
  readonly page: SelfAssessmentPageDto;
  readonly assessment: SelfAssessmentDto;
  readonly item: SelfAssessmentDto['items'][number];
  readonly me: MeDto;
  readonly onChange: () => void;
}) {
  const [rating, setRating] = useState<string>(item.rating ?? '');
  const [comment, setComment] = useState(item.comment);
  const [adding, setAdding] = useState(false);
  const { send, err, outcome, busy } = useSend();
  const ratingLabel = page.ratings.find((r) => r.id === item.rating)?.label ?? 'Not rated yet';
  const headingId = `item-${item.id}`;
  return (
    <section className="phc-question" aria-labelledby={headingId} data-key={item.id}>
      <h4 id={headingId}>{item.title}</h4>
      <DataTable {...evidenceTable(item)} />
      {page.can.edit ? (
        <form
          className="phc-form"
          aria-label={`Rate: ${item.title}`}
          onSubmit={(e) => {
            e.preventDefault();
            void send(
              () =>
                api(`/api/framework/self-assessments/${encodeURIComponent(assessment.id)}/items/${encodeURIComponent(item.id)}`, {
                  method: 'PATCH',
                  body: { version: assessment.version, rating: rating === '' ? null : rating, comment },
                }),
              () => 'Saved.',
            ).then((r) => r !== undefined && onChange());
          }}
        >
          <Field label="Rating" {...err('rating')}>
            <RadioGroup value={rating} onChange={(_, d) => setRating(d.value)} layout="horizontal">
              {page.ratings.map((r) => (
                <Radio key={r.id} value={r.id} label={r.label} />
              ))}
            </RadioGroup>
          </Field>
          <Field label="Comment" hint="Why, and what is strong or needs to improve." {...err('comment')}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} resize="vertical" />
          </Field>
          <div className="phc-buttons">
            <Button type="submit" disabled={busy}>
              Save the rating
            </Button>
          </div>
          <OutcomeMessage outcome={outcome} />
        </form>
      ) : (
        <p>
          <strong>{ratingLabel}.</strong> {item.comment}
        </p>
      )}
      {item.actions.length > 0 && (
        <DataTable
          title={`Improvement plan: ${item.title}`}
          columns={['Action', 'Status', 'Due']}
          rows={item.actions.map((x) => [x.what, x.status, formatDay(x.due)])}
          rowKeys={item.actions.map((x) => x.id)}
        />
      )}
      {page.can.submit || (page.can.edit && assessment.status !== 'endorsed') ? (
        <div className="phc-buttons">
          <Button size="small" onClick={() => setAdding((v) => !v)}>
            {adding ? 'Close' : 'Add to the improvement plan'}
          </Button>
        </div>
      ) : null}
      {adding && (
        <ToActionForm
          title={`Improvement plan: ${item.title}`}
          me={me}
          withWhat
          url={`/api/framework/self-assessments/${encodeURIComponent(assessment.id)}/items/${encodeURIComponent(item.id)}/actions`}
          version={assessment.version}
          onDone={() => {
            setAdding(false);
            onChange();
          }}
        />
      )}
    </section>
  );
}
