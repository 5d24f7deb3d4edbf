import { Button, Field, Input, Link, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { RATINGS } from '../../../src/domain/audit/forms/types';
import type { AuditElsewhereDto, AuditViewDto } from '../../../src/server/api/types';
import { api, ApiError, messageOf } from '../api';
import type { PageProps } from '../App';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatDay } from '../model/format';
import { checkAudit, sectionsFor, toEdit, toRequest, type AuditAction, type AuditAnswerError, type AuditItem, type AuditPart, type EditValue } from '../model/auditForm';

export default function AuditFormPage({ route, go }: PageProps) {
  const id = route.params.id;
  const view = useApi<AuditViewDto | AuditElsewhereDto>(id ? `/api/audits/task?id=${encodeURIComponent(id)}` : null);
  // Kept here: the editor is drawn afresh from the saved record after a submit or sign-off.
  const [notice, setNotice] = useState<string | null>(null);
  if (!id) return <Empty>Choose an audit from the Audits page.</Empty>;
  return (
    <Load result={view} what="the audit">
      {(v) =>
        'words' in v ? (
          // Not a form: the caseload audit, the national standards audit, the health check, a thematic review.
          <>
            <h2>{v.task.activityLabel}</h2>
            <p>{v.words}</p>
            <Link href={`#/${v.workflow.page}?${new URLSearchParams(v.workflow.params).toString()}`}>{v.workflow.label}</Link>
          </>
        ) : (
          <AuditEditor
            key={`${v.task.id}-${v.record?.revision ?? 0}-${v.record?.status ?? ''}`}
            view={v}
            notice={notice}
            setNotice={setNotice}
            onChanged={view.reload}
            onBack={() => go({ page: 'audits', params: {} })}
          />
        )
      }
    </Load>
  );
}

function partFor(v: AuditViewDto): AuditPart | undefined {
  if (v.can.saveLead || v.can.submit || v.can.amend) return v.form.lead;
  if (v.can.saveSubject || v.can.submitSubject) return v.form.subject;
  return undefined;
}

interface EditorProps {
  readonly view: AuditViewDto;
  readonly notice: string | null;
  readonly setNotice: (n: string | null) => void;
  readonly onChanged: () => void;
  readonly onBack: () => void;
}

function AuditEditor({ view, notice, setNotice, onChanged, onBack }: EditorProps) {
  const part = partFor(view);
  const [edit, setEdit] = useState<Record<string, EditValue>>(() => toEdit(part ? view.record?.answers[part] : undefined));
  const [errors, setErrors] = useState<readonly AuditAnswerError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0 || problem) summary.current?.focus();
  }, [errors, problem]);
  const { task, form, record, can } = view;
  const q = `?id=${encodeURIComponent(task.id)}`;

  const run = async (action: () => Promise<unknown>, done: string, reload: boolean) => {
    setProblem(null);
    setNotice(null);
    setBusy(true);
    try {
      await action();
      setErrors([]);
      setNotice(done);
      if (reload) onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.body.auditErrors) setErrors(e.body.auditErrors);
      else setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const submit = (lead: boolean) => {
    if (!part) return;
    const found = checkAudit(form, part, edit, 'submit');
    setErrors(found);
    if (found.length > 0) return;
    const answers = toRequest(edit);
    void run(
      () =>
        lead
          ? api(`/api/audits/task/${record?.status === 'submitted' ? 'amend' : 'submit'}${q}`, { method: 'POST', body: { answers } })
          : api(`/api/audits/task/subject${q}`, { method: 'POST', body: { answers, submit: true } }),
      'Submitted. Thank you.',
      true,
    );
  };
  const save = (lead: boolean) => {
    if (!part) return;
    const answers = toRequest(edit);
    void run(
      () => (lead ? api(`/api/audits/task/draft${q}`, { method: 'POST', body: { part, answers } }) : api(`/api/audits/task/subject${q}`, { method: 'POST', body: { answers, submit: false } })),
      'Draft saved. You can come back to it here or in the bot.',
      false,
    );
  };
  const errorOf = (itemId: string) =>
    errors
      .filter((e) => e.itemId === itemId)
      .map((e) => e.message)
      .join(' ');
  const lead = part === form.lead;

  return (
    <div data-testid="audit-form">
      <h2>{form.title}</h2>
      <p>
        {task.activityLabel}: {task.subject}. Auditor {task.auditor}. Due {formatDay(task.due)}. Status:{' '}
        <strong data-testid="audit-status">{record ? record.status.replace('-', ' ') : 'not started'}</strong>
      </p>
      {notice && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {(errors.length > 0 || problem) && (
        <div ref={summary} tabIndex={-1} role="alert">
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{problem ? 'Not saved' : `Please check the ${errors.length === 1 ? 'answer' : `${errors.length} answers`} marked`}</MessageBarTitle>
              {problem ?? (
                <ul>
                  {errors.map((e, i) => (
                    <li key={i}>{e.message}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        </div>
      )}
      {form.sections.map((s) => {
        const mine = part !== undefined && s.part === part && (lead ? can.saveLead || can.submit || can.amend : can.saveSubject || can.submitSubject);
        const saved = record?.answers[s.part];
        return (
          <section key={s.id} aria-labelledby={`s-${s.id}`} className="phc-form">
            <h3 id={`s-${s.id}`}>{s.title}</h3>
            {s.intro && <p className="phc-muted">{s.intro}</p>}
            {s.items.map((item) =>
              mine ? (
                <ItemField key={item.id} item={item} value={edit[item.id]} error={errorOf(item.id)} onChange={(v) => setEdit((e) => ({ ...e, [item.id]: v }))} />
              ) : (
                <ReadOnlyItem key={item.id} item={item} value={toEdit(saved)[item.id]} />
              ),
            )}
          </section>
        );
      })}
      {sectionsFor(form, form.lead).length === 0 && <Empty>This form has nothing to fill in.</Empty>}
      <div className="phc-buttons">
        <Button onClick={onBack}>Back to audits</Button>
        {lead && can.saveLead && (
          <Button disabled={busy} onClick={() => save(true)}>
            Save draft
          </Button>
        )}
        {lead && (can.submit || can.amend) && (
          <Button appearance="primary" disabled={busy} onClick={() => submit(true)}>
            {can.amend && record?.status === 'submitted' ? 'Submit changes' : 'Submit audit'}
          </Button>
        )}
        {!lead && can.saveSubject && (
          <Button disabled={busy} onClick={() => save(false)}>
            Save my part
          </Button>
        )}
        {!lead && can.submitSubject && (
          <Button appearance="primary" disabled={busy} onClick={() => submit(false)}>
            Submit my part
          </Button>
        )}
        {can.signOff && (
          <Button appearance="primary" disabled={busy} onClick={() => void run(() => api(`/api/audits/task/sign-off${q}`, { method: 'POST', body: {} }), 'Signed off.', true)}>
            Sign off
          </Button>
        )}
      </div>
    </div>
  );
}

function itemLabel(item: AuditItem): string {
  return `${item.number ? `${item.number}. ` : ''}${item.text}${item.required ? '' : ' (optional)'}`;
}

function ReadOnlyItem({ item, value }: { readonly item: AuditItem; readonly value: EditValue | undefined }) {
  let text = 'Not answered yet.';
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = value.length === 0 ? 'No actions.' : (value as readonly AuditAction[]).map((a) => `${a.action} (${a.owner}, by ${formatDay(a.due)})`).join('; ');
  else if (value && 'rating' in value) text = `${RATINGS.find((r) => r.id === value.rating)?.label ?? ''}${value.comment ? `: ${value.comment}` : ''}`;
  return (
    <div className="phc-question">
      <p>
        <strong>{itemLabel(item)}</strong>
      </p>
      <p>{text}</p>
    </div>
  );
}

function ItemField({ item, value, error, onChange }: { readonly item: AuditItem; readonly value: EditValue | undefined; readonly error: string; readonly onChange: (v: EditValue) => void }) {
  const state = error ? { validationState: 'error' as const, validationMessage: error } : {};
  if (item.kind === 'rating') {
    const v = value && typeof value === 'object' && !Array.isArray(value) ? (value as { rating?: 'yes' | 'partly' | 'no'; comment?: string }) : {};
    return (
      <div className="phc-question" data-item-id={item.id}>
        <Field label={itemLabel(item)} hint={item.hint} required={item.required} {...state}>
          <RadioGroup layout="horizontal" value={v.rating ?? ''} onChange={(_, d) => onChange({ ...v, rating: d.value as 'yes' | 'partly' | 'no' })}>
            {RATINGS.map((r) => (
              <Radio key={r.id} value={r.id} label={r.label} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={item.comment === 'always' ? 'Your comments' : item.comment === 'unless-yes' ? 'Comments (needed for Partly or No)' : 'Comments (optional)'}>
          <Textarea value={v.comment ?? ''} maxLength={item.maxLength} onChange={(_, d) => onChange({ ...v, comment: d.value })} />
        </Field>
      </div>
    );
  }
  if (item.kind === 'actions') {
    const rows = Array.isArray(value) ? (value as readonly AuditAction[]) : [];
    const setRow = (i: number, patch: Partial<AuditAction>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    return (
      <fieldset className="phc-fieldset phc-question" data-item-id={item.id}>
        <legend>{itemLabel(item)}</legend>
        {item.hint && <p className="phc-muted">{item.hint}</p>}
        {rows.map((r, i) => (
          <div key={i} className="phc-row">
            <Field label={`Action ${i + 1}`}>
              <Input value={r.action} maxLength={item.maxLength} onChange={(_, d) => setRow(i, { action: d.value })} />
            </Field>
            <Field label="Who">
              <Input value={r.owner} onChange={(_, d) => setRow(i, { owner: d.value })} />
            </Field>
            <Field label="By when">
              <Input type="date" value={r.due} onChange={(_, d) => setRow(i, { due: d.value })} />
            </Field>
            <Button onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove action ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button onClick={() => onChange([...rows, { action: '', owner: '', due: '' }])}>Add an action</Button>
        </div>
        {error && <p className="phc-error">{error}</p>}
      </fieldset>
    );
  }
  return (
    <div className="phc-question" data-item-id={item.id}>
      <Field label={itemLabel(item)} hint={item.hint} required={item.required} {...state}>
        <Textarea value={typeof value === 'string' ? value : ''} maxLength={item.maxLength} onChange={(_, d) => onChange(d.value)} resize="vertical" />
      </Field>
    </div>
  );
}
