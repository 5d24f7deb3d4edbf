import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import { CUSTOM_QUESTION_KIND_LABELS, CUSTOM_QUESTION_KINDS, previewEdits, type CustomQuestionKind, type Edit } from '../../../src/domain/survey/authoring';
import type { QuestionBankDto, QuestionnaireDto } from '../../../src/server/api/types';
import type { Question } from '../../../src/domain/survey/types';
import { api, ApiError } from '../api';
import type { PageProps } from '../App';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { errorsByField } from '../model/surveyAdmin';

/**
 * A pulse's questions, edited as a PSW would on paper (ADR 0021): change a question's
 * wording, remove it, move it, add one from the question bank or write one of your own. Each
 * change shows at once (the same pure rules the server applies); Save sends them all, and
 * the server keeps them as the next version only if the whole survey is sound. The Health
 * Check and the templates are shown, not changed.
 */
export default function QuestionnaireEditor({ route, go }: PageProps) {
  const id = route.params.id ?? '';
  const dto = useApi<QuestionnaireDto>(id ? `/api/questionnaires/${encodeURIComponent(id)}` : null);
  const bank = useApi<QuestionBankDto>('/api/questionnaires/bank');
  if (!id) return <Empty>Choose a survey on the Run surveys page.</Empty>;
  return (
    <>
      <Button appearance="subtle" onClick={() => go({ page: 'run-surveys', params: {} })}>
        Back to Run surveys
      </Button>
      <Load result={dto} what="the survey">
        {(d) => (
          <Load result={bank} what="the question bank">
            {(b) => <Editor key={`${d.questionnaire.id}@${d.questionnaire.version}`} dto={d} bank={b} onSaved={dto.reload} go={go} />}
          </Load>
        )}
      </Load>
    </>
  );
}

function kindWords(q: Question): string {
  switch (q.kind) {
    case 'single':
      return q.headline?.label === 'strongly agree or agree' ? 'Agreement scale' : 'Single choice';
    case 'multi':
      return q.maxChoices ? `Multiple choice (up to ${q.maxChoices})` : 'Multiple choice';
    case 'scale':
      return `${q.min} to ${q.max}`;
    case 'text':
      return 'Free text';
  }
}

function answersOf(q: Question): string {
  if (q.kind === 'single' || q.kind === 'multi') return q.options.map((o) => o.label).join(' · ');
  if (q.kind === 'scale') return `${q.min} (${q.minLabel}) to ${q.max} (${q.maxLabel})`;
  return `Up to ${q.maxLength} characters`;
}

function Editor({ dto, bank, onSaved, go }: { readonly dto: QuestionnaireDto; readonly bank: QuestionBankDto; readonly onSaved: () => void; readonly go: PageProps['go'] }) {
  const base = dto.questionnaire;
  const editable = !dto.summary.builtIn;
  const [edits, setEdits] = useState<readonly Edit[]>([]);
  const [serverErrors, setServerErrors] = useState<Readonly<Record<string, string>>>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const preview = previewEdits(base, edits);
  const shown = edits.length === 0 ? base : preview.questionnaire;
  const local = errorsByField([...preview.editErrors, ...(edits.length === 0 ? [] : preview.problems)]);
  const errorFor = (field: string): string | undefined => serverErrors[field] ?? local[field];
  const inBank = new Set(bank.topics.flatMap((t) => t.questions.map((q) => q.id)));
  const asked = new Set(shown.sections.flatMap((s) => s.questions.map((q) => q.id)));

  /** Adds an edit only if it can be made; otherwise says why, by its field. */
  const add = (edit: Edit): string | undefined => {
    // Edits apply in order, so one that cannot be made is the last error of the longer list.
    const next = previewEdits(base, [...edits, edit]);
    const refused = next.editErrors.length > preview.editErrors.length ? next.editErrors[next.editErrors.length - 1] : undefined;
    if (refused) return refused.message;
    setEdits([...edits, edit]);
    setServerErrors({});
    setOutcome(undefined);
    return undefined;
  };
  const save = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      await api<QuestionnaireDto>(`/api/questionnaires/${encodeURIComponent(base.id)}`, { method: 'PATCH', body: { version: base.version, edits } });
      onSaved();
    } catch (e) {
      setServerErrors(e instanceof ApiError ? errorsByField(e.body.fieldErrors) : {});
      setOutcome(failedOutcome(e));
    } finally {
      setBusy(false);
    }
  };
  // Every problem, in one list at the top (each is also shown at its question).
  const topProblems = [...new Set(Object.values({ ...local, ...serverErrors }))];

  return (
    <div data-testid="questionnaire-editor">
      <h2>{shown.title}</h2>
      <p className="phc-muted">
        {dto.summary.template
          ? 'A template: copy it on Run surveys to make a survey of your own.'
          : dto.summary.builtIn
            ? 'Part of the app: shown here, not changed.'
            : `Version ${base.version}. ${shown.sections.reduce((n, s) => n + s.questions.length, 0)} questions, about ${shown.minutes} ${shown.minutes === 1 ? 'minute' : 'minutes'}.`}{' '}
        Questions from the Health Check keep their answers, so their figures are shown beside the Health Check&apos;s.
      </p>
      {dto.cycles.length > 0 && <p className="phc-muted">Asked in: {dto.cycles.map((c) => c.title).join(', ')}. A cycle keeps the version it opened with; changes here are for the next one.</p>}
      {editable && <TitleEditor title={shown.title} error={errorFor('title')} onChange={(title) => add({ op: 'title', title })} />}
      {topProblems.length > 0 && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Not saved yet</MessageBarTitle>
            <ul>
              {topProblems.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {shown.sections.map((section) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`}>
          <h3 id={`section-${section.id}`}>{section.title}</h3>
          {section.intro && <p className="phc-muted">{section.intro}</p>}
          <ol className="phc-question-list">
            {section.questions.map((q, i) => (
              <QuestionRow
                key={q.id}
                question={q}
                fromBank={inBank.has(q.id)}
                editable={editable}
                first={i === 0}
                last={i === section.questions.length - 1}
                error={Object.entries({ ...local, ...serverErrors }).find(([field]) => field === `questions.${q.id}` || field.startsWith(`questions.${q.id}.`))?.[1]}
                onEdit={add}
              />
            ))}
          </ol>
        </section>
      ))}
      {editable && (
        <>
          <AddFromBank bank={bank} asked={asked} onAdd={add} />
          <WriteYourOwn onAdd={add} serverErrors={serverErrors} />
          <div className="phc-buttons">
            <Button appearance="primary" disabled={busy || edits.length === 0} onClick={() => void save()}>
              Save as version {base.version + 1}
            </Button>
            <Button disabled={busy || edits.length === 0} onClick={() => setEdits([])}>
              Undo all changes
            </Button>
            <Button onClick={() => go({ page: 'cycle', params: { survey: base.id } })}>Run this survey</Button>
          </div>
          <p className="phc-muted" role="status">
            {edits.length === 0 ? 'No changes yet.' : `${edits.length} ${edits.length === 1 ? 'change' : 'changes'} not saved yet.`}
          </p>
        </>
      )}
      <OutcomeMessage outcome={outcome} />
    </div>
  );
}

function TitleEditor({ title, error, onChange }: { readonly title: string; readonly error: string | undefined; readonly onChange: (title: string) => string | undefined }) {
  const [value, setValue] = useState(title);
  const [refused, setRefused] = useState<string | undefined>(undefined);
  return (
    <div className="phc-row">
      <Field label="Title" validationMessage={refused ?? error}>
        <Input value={value} onChange={(_, d) => setValue(d.value)} />
      </Field>
      <Button disabled={value.trim() === title} onClick={() => setRefused(onChange(value))}>
        Change title
      </Button>
    </div>
  );
}

function QuestionRow(props: {
  readonly question: Question;
  readonly fromBank: boolean;
  readonly editable: boolean;
  readonly first: boolean;
  readonly last: boolean;
  readonly error: string | undefined;
  readonly onEdit: (edit: Edit) => string | undefined;
}) {
  const { question: q, fromBank, editable, first, last, error, onEdit } = props;
  const [rewording, setRewording] = useState(false);
  const [text, setText] = useState(q.text);
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const act = (edit: Edit) => setRefused(onEdit(edit));
  return (
    <li className="phc-question" data-question-id={q.id}>
      <p>
        <strong>{q.text}</strong>
      </p>
      <p className="phc-muted">
        {kindWords(q)}
        {q.required ? ', must be answered' : ', may be skipped'}. {fromBank ? 'From the question bank: compared with the Health Check.' : 'Your own question.'}
      </p>
      <p className="phc-muted">{answersOf(q)}</p>
      {(refused ?? error) && <p className="phc-error">{refused ?? error}</p>}
      {editable && rewording && (
        <div className="phc-row">
          <Field label={`New wording for "${q.text}"`}>
            <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
          </Field>
          <Button
            onClick={() => {
              const why = onEdit({ op: 'reword', question: q.id, text });
              setRefused(why);
              if (!why) setRewording(false);
            }}
          >
            Use this wording
          </Button>
        </div>
      )}
      {editable && (
        <div className="phc-buttons">
          {!rewording && (
            <Button size="small" onClick={() => setRewording(true)} aria-label={`Change wording: "${q.text}"`}>
              Change wording
            </Button>
          )}
          <Button size="small" onClick={() => act({ op: 'remove', question: q.id })} aria-label={`Remove: "${q.text}"`}>
            Remove
          </Button>
          {!first && (
            <Button size="small" onClick={() => act({ op: 'move', question: q.id, direction: 'up' })} aria-label={`Move up: "${q.text}"`}>
              Move up
            </Button>
          )}
          {!last && (
            <Button size="small" onClick={() => act({ op: 'move', question: q.id, direction: 'down' })} aria-label={`Move down: "${q.text}"`}>
              Move down
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function AddFromBank({ bank, asked, onAdd }: { readonly bank: QuestionBankDto; readonly asked: ReadonlySet<string>; readonly onAdd: (edit: Edit) => string | undefined }) {
  const [chosen, setChosen] = useState('');
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const chosenQuestion = bank.topics.flatMap((t) => t.questions).find((q) => q.id === chosen);
  return (
    <section aria-labelledby="bank-heading">
      <h3 id="bank-heading">Add a question from the bank</h3>
      <p className="phc-muted">The Health Check&apos;s questions, by topic, and the follow-up questions. Their figures are shown beside the Health Check&apos;s.</p>
      <div className="phc-row">
        <Field
          label="Question"
          validationMessage={refused}
          hint={
            chosenQuestion?.dependsOn
              ? `Asked only after "${chosenQuestion.dependsOn}": add that one first.`
              : chosenQuestion?.aboutYou
                ? 'Role, team and length of service come together: results are then broken down by them.'
                : undefined
          }
        >
          <Select value={chosen} onChange={(_, d) => setChosen(d.value)}>
            <option value="">Choose a question</option>
            {bank.topics.map((t) => (
              <optgroup key={t.topic} label={t.topic}>
                {t.questions
                  .filter((q) => !asked.has(q.id))
                  .map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.text}
                    </option>
                  ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Button
          disabled={chosen === ''}
          onClick={() => {
            const why = onAdd({ op: 'add-from-bank', question: chosen });
            setRefused(why);
            if (!why) setChosen('');
          }}
        >
          Add this question
        </Button>
      </div>
    </section>
  );
}

function WriteYourOwn({ onAdd, serverErrors }: { readonly onAdd: (edit: Edit) => string | undefined; readonly serverErrors: Readonly<Record<string, string>> }) {
  const [kind, setKind] = useState<CustomQuestionKind>('agree');
  const [text, setText] = useState('');
  const [options, setOptions] = useState('');
  const [maxChoices, setMaxChoices] = useState('');
  const [minLabel, setMinLabel] = useState('');
  const [maxLabel, setMaxLabel] = useState('');
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const choices = kind === 'single' || kind === 'multi';
  const addIt = () => {
    const why = onAdd({
      op: 'add-custom',
      kind,
      text,
      ...(choices
        ? {
            options: options
              .split('\n')
              .map((o) => o.trim())
              .filter((o) => o !== ''),
          }
        : {}),
      ...(kind === 'multi' && maxChoices.trim() !== '' ? { maxChoices: Number(maxChoices) } : {}),
      ...(kind === 'zero-to-ten' && minLabel.trim() !== '' ? { minLabel } : {}),
      ...(kind === 'zero-to-ten' && maxLabel.trim() !== '' ? { maxLabel } : {}),
    });
    setRefused(why);
    if (!why) {
      setText('');
      setOptions('');
      setMaxChoices('');
    }
  };
  return (
    <section aria-labelledby="own-heading">
      <h3 id="own-heading">Write a question of your own</h3>
      <form
        className="phc-form"
        aria-labelledby="own-heading"
        onSubmit={(e) => {
          e.preventDefault();
          addIt();
        }}
      >
        <Field label="Kind of question">
          <Select value={kind} onChange={(_, d) => setKind(d.value as CustomQuestionKind)}>
            {CUSTOM_QUESTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {CUSTOM_QUESTION_KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="The question, as staff will read it" validationMessage={serverErrors['newQuestion.text']}>
          <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" />
        </Field>
        {choices && (
          <Field label="The answers to choose from, one a line" validationMessage={serverErrors['newQuestion.options']}>
            <Textarea value={options} onChange={(_, d) => setOptions(d.value)} resize="vertical" rows={4} />
          </Field>
        )}
        {kind === 'multi' && (
          <Field label="At most this many may be chosen (leave empty for any)">
            <Input value={maxChoices} onChange={(_, d) => setMaxChoices(d.value)} inputMode="numeric" />
          </Field>
        )}
        {kind === 'zero-to-ten' && (
          <div className="phc-row">
            <Field label="What 0 means">
              <Input value={minLabel} onChange={(_, d) => setMinLabel(d.value)} placeholder="Not at all" />
            </Field>
            <Field label="What 10 means">
              <Input value={maxLabel} onChange={(_, d) => setMaxLabel(d.value)} placeholder="Completely" />
            </Field>
          </div>
        )}
        {refused && (
          <p className="phc-error" role="alert">
            {refused}
          </p>
        )}
        <div className="phc-buttons">
          <Button type="submit">Add my question</Button>
        </div>
      </form>
    </section>
  );
}
