import { Button, Checkbox, Field, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Select, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { OpenSurveyDto, SaveSurveyStepDto, SubmitSurveyDto } from '../../../src/server/api/types';
import { api, ApiError, messageOf } from '../api';
import type { PageProps } from '../App';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatDay } from '../model/format';
import { checkAll, checkSection, sectionsToAsk, shownQuestions, toggleChoice, withoutEmpty, type AnswerError, type AnswerValue, type Question, type Questionnaire } from '../model/survey';

export default function MySurveys({ me }: PageProps) {
  // With a pulse open during the Health Check, the person picks which to answer.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const open = useApi<OpenSurveyDto>(me.capabilities.includes('take-survey') ? `/api/surveys/open${chosen ? `?cycle=${encodeURIComponent(chosen)}` : ''}` : null);
  if (!me.capabilities.includes('take-survey')) {
    return (
      <>
        <h2>My surveys</h2>
        <Empty>The Health Check is answered by practitioners and team managers. You are not asked to take it, so there is nothing to do here.</Empty>
      </>
    );
  }
  return (
    <>
      <h2>My surveys</h2>
      <Load result={open} what="the open survey">
        {(o) => {
          const choose =
            (o.choices?.length ?? 0) > 1 && o.cycle ? (
              <Field label="Survey">
                <Select value={o.cycle.id} onChange={(_, d) => setChosen(d.value)}>
                  {o.choices?.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null;
          if (!o.cycle || !o.questionnaire) return <Empty>There is no survey open just now. You will get a message from the Health Check bot when the next one opens.</Empty>;
          if (o.status === 'submitted')
            return (
              <>
                {choose}
                <Empty>
                  Thank you: you have already sent your answers to {o.cycle.title}. Results are shared once the survey closes on {formatDay(o.cycle.closesOn)}.
                </Empty>
              </>
            );
          return (
            <>
              {choose}
              <SurveyForm key={o.cycle.id} survey={o} cycleId={o.cycle.id} questionnaire={o.questionnaire} />
            </>
          );
        }}
      </Load>
    </>
  );
}

function SurveyForm({ survey, cycleId, questionnaire }: { readonly survey: OpenSurveyDto; readonly cycleId: string; readonly questionnaire: Questionnaire }) {
  const [answers, setAnswers] = useState<Record<string, AnswerValue | undefined>>({ ...(survey.draft?.answers ?? {}) });
  const given = withoutEmpty(answers);
  const steps = sectionsToAsk(questionnaire, given);
  const [step, setStep] = useState(() => Math.max(0, steps.indexOf(survey.draft?.sectionIndex ?? 0)));
  const [errors, setErrors] = useState<readonly AnswerError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(survey.draft ? `Carrying on from your draft saved on ${formatDay(survey.draft.savedOn)}.` : null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const sectionIndex = steps[Math.min(step, steps.length - 1)] ?? 0;
  const section = questionnaire.sections[sectionIndex];
  const last = step >= steps.length - 1;

  const first = useRef(true);
  useEffect(() => {
    // After Next or Back, keyboard and screen-reader users start at the new part's heading.
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [sectionIndex]);
  useEffect(() => {
    if (errors.length > 0 || problem) summary.current?.focus();
  }, [errors, problem]);

  if (done)
    return (
      <Empty>
        Thank you. Your answers have been sent: they are kept without your name, and nobody can tell which answers are yours. Results show only totals for groups; the Principal Social Worker reads
        written comments word for word.
      </Empty>
    );
  if (!section) return null;

  const set = (id: string, value: AnswerValue | undefined) => setAnswers((a) => ({ ...a, [id]: value }));
  const refused = (e: unknown) => {
    if (e instanceof ApiError && e.body.answerErrors) setErrors(e.body.answerErrors);
    else setProblem(messageOf(e));
  };
  const save = async (requireSection: string | undefined, nextIndex: number) => {
    await api<SaveSurveyStepDto>(`/api/surveys/${encodeURIComponent(cycleId)}/draft`, { method: 'POST', body: { answers: given, sectionIndex: nextIndex, requireSection } });
  };
  const next = async () => {
    setProblem(null);
    const found = last ? checkAll(questionnaire, given) : checkSection(questionnaire, given, section.id);
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      if (last) {
        const r = await api<SubmitSurveyDto>(`/api/surveys/${encodeURIComponent(cycleId)}/submit`, { method: 'POST', body: { answers: given } });
        if (r.ok) setDone(true);
      } else {
        const to = steps[step + 1] ?? sectionIndex;
        await save(section.id, to);
        setSaved(null);
        setStep(step + 1);
      }
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  };
  const later = async () => {
    setProblem(null);
    setBusy(true);
    try {
      await save(undefined, sectionIndex);
      setErrors([]);
      setSaved('Saved. You can close this and carry on later, here or in the Health Check bot.');
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  };
  const errorOf = (id: string) => errors.find((e) => e.questionId === id)?.message;

  return (
    <form
      className="phc-form"
      data-testid="survey"
      onSubmit={(e) => {
        e.preventDefault();
        void next();
      }}
    >
      <p className="phc-muted">{survey.promise}</p>
      <h3 ref={heading} tabIndex={-1} data-testid="survey-section">
        {section.title}{' '}
        <span className="phc-muted">
          (part {step + 1} of {steps.length})
        </span>
      </h3>
      {section.intro && <p>{section.intro}</p>}
      {(errors.length > 0 || problem) && (
        <div ref={summary} tabIndex={-1} role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{problem ? 'Not saved' : errors.length === 1 ? 'Please check the answer marked' : `Please check the ${errors.length} answers marked`}</MessageBarTitle>
              {problem ?? (
                <ul>
                  {errors.map((e) => (
                    <li key={`${e.questionId}-${e.code}`}>{e.message}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {saved && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      {shownQuestions(section, given).map((q) => (
        <QuestionField key={q.id} question={q} value={answers[q.id]} error={errorOf(q.id)} onChange={(v) => set(q.id, v)} />
      ))}
      <div className="phc-buttons">
        {step > 0 && (
          <Button disabled={busy} onClick={() => setStep(step - 1)}>
            Back
          </Button>
        )}
        <Button disabled={busy} onClick={() => void later()}>
          Save and finish later
        </Button>
        <Button appearance="primary" type="submit" disabled={busy}>
          {last ? 'Send my answers' : 'Next'}
        </Button>
      </div>
    </form>
  );
}

function QuestionField({
  question: q,
  value,
  error,
  onChange,
}: {
  readonly question: Question;
  readonly value: AnswerValue | undefined;
  readonly error: string | undefined;
  readonly onChange: (v: AnswerValue | undefined) => void;
}) {
  const label = `${q.text}${q.required ? '' : ' (optional)'}`;
  const state = error ? { validationState: 'error' as const, validationMessage: error } : {};
  if (q.kind === 'text') {
    return (
      <Field label={label} hint={q.hint ?? `Up to ${q.maxLength} characters. Please do not name anyone.`} required={q.required} {...state} data-question-id={q.id}>
        <Textarea value={typeof value === 'string' ? value : ''} maxLength={q.maxLength} onChange={(_, d) => onChange(d.value)} resize="vertical" />
      </Field>
    );
  }
  if (q.kind === 'multi') {
    const chosen = Array.isArray(value) ? value : [];
    const legendId = `q-${q.id}-legend`;
    return (
      <fieldset className="phc-fieldset" aria-describedby={error ? `q-${q.id}-error` : undefined} data-question-id={q.id}>
        <legend id={legendId}>
          {label}
          {q.maxChoices ? ` (choose up to ${q.maxChoices})` : ' (choose all that apply)'}
        </legend>
        {q.hint && <p className="phc-muted">{q.hint}</p>}
        {q.options.map((o) => (
          <Checkbox key={o.id} label={o.label} checked={chosen.includes(o.id)} onChange={(_, d) => onChange(toggleChoice(q, value, o.id, d.checked === true))} />
        ))}
        {error && (
          <p id={`q-${q.id}-error`} className="phc-error">
            {error}
          </p>
        )}
      </fieldset>
    );
  }
  const options =
    q.kind === 'single' ? q.options.map((o) => ({ id: o.id, label: o.label })) : Array.from({ length: q.max - q.min + 1 }, (_, i) => ({ id: String(q.min + i), label: String(q.min + i) }));
  const hint = q.kind === 'scale' ? `${q.min} means ${q.minLabel}; ${q.max} means ${q.maxLabel}.${q.hint ? ` ${q.hint}` : ''}` : q.hint;
  return (
    <Field label={label} hint={hint} required={q.required} {...state} data-question-id={q.id}>
      <RadioGroup
        value={value === undefined ? '' : String(value)}
        layout={q.kind === 'scale' ? 'horizontal' : 'vertical'}
        onChange={(_, d) => onChange(q.kind === 'scale' ? Number(d.value) : d.value)}
      >
        {options.map((o) => (
          <Radio key={o.id} value={o.id} label={o.label} />
        ))}
      </RadioGroup>
    </Field>
  );
}
