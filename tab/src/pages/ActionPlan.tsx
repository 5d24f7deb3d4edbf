import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ActionDto, ActionListDto, ActionStatusDto, NewActionRequest, PeopleDto, PersonDto, QuestionsDto, YouSaidWeDidDto } from '../../../src/server/api/types';
import { api, ApiError, messageOf } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount, formatDay } from '../model/format';

const STATUSES: readonly { id: ActionStatusDto; label: string }[] = [
  { id: 'not-started', label: 'Not started' },
  { id: 'in-progress', label: 'In progress' },
  { id: 'done', label: 'Done' },
  { id: 'dropped', label: 'Dropped' },
];
const statusLabel = (s: ActionStatusDto) => STATUSES.find((x) => x.id === s)?.label ?? s;

function linkText(a: ActionDto): string {
  if (a.link.kind === 'question') return `Health check: ${a.link.text ?? a.link.questionId}`;
  if (a.link.kind === 'audit') return `Audit: ${a.link.text ?? a.link.auditId}`;
  return '';
}

export default function ActionPlan({ me }: PageProps) {
  const list = useApi<ActionListDto>('/api/actions');
  const [editing, setEditing] = useState<string | null>(null);
  const canAdd = me.capabilities.includes('edit-actions');
  return (
    <>
      <h2>Action plan</h2>
      <Load result={list} what="the action plan">
        {(l) => (
          <>
            {l.actions.length === 0 ? (
              <Empty>No actions yet. {canAdd ? 'Add the first one below.' : 'Managers and the PSW add actions here after each Health Check and audit.'}</Empty>
            ) : (
              <DataTable
                named="action-plan"
                title="Actions"
                columns={['What', 'Owner', 'Due', 'Status', 'Linked to', 'Progress', 'Change']}
                rowKeys={l.actions.map((a) => a.id)}
                rows={l.actions.map((a) => [a.what, a.ownerName, formatDay(a.due), statusLabel(a.status), linkText(a), a.progress, a.canEdit ? 'Edit' : ''])}
                render={(r, c) => {
                  const a = l.actions[r];
                  return c === 6 && a?.canEdit ? (
                    <Button size="small" onClick={() => setEditing(a.id)} aria-label={`Edit: ${a.what}`}>
                      Edit
                    </Button>
                  ) : undefined;
                }}
              />
            )}
            {editing && l.actions.find((a) => a.id === editing) && (
              <ActionEditor
                key={editing}
                me={me}
                action={l.actions.find((a) => a.id === editing) as ActionDto}
                owners={l.actions}
                onDone={() => {
                  setEditing(null);
                  list.reload();
                }}
              />
            )}
            {canAdd && !editing && <ActionEditor me={me} owners={l.actions} onDone={list.reload} />}
            {me.capabilities.includes('send-you-said-we-did') && <YouSaidWeDid actions={l.actions} />}
          </>
        )}
      </Load>
    </>
  );
}

function ActionEditor({ me, action, owners, onDone }: Pick<PageProps, 'me'> & { readonly action?: ActionDto; readonly owners: readonly ActionDto[]; readonly onDone: () => void }) {
  const [what, setWhat] = useState(action?.what ?? '');
  const [ownerId, setOwnerId] = useState(action?.ownerId ?? me.person.id);
  const [due, setDue] = useState(action?.due ?? '');
  const [status, setStatus] = useState<ActionStatusDto>(action?.status ?? 'not-started');
  const [progress, setProgress] = useState(action?.progress ?? '');
  const [question, setQuestion] = useState(action?.link.kind === 'question' ? action.link.questionId : '');
  // Chosen by its words: nobody should have to know a question's id.
  const questions = useApi<QuestionsDto>('/api/health-check/questions');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [found, setFound] = useState<readonly PersonDto[]>([]);
  const [search, setSearch] = useState('');
  useEffect(() => {
    if (search.trim().length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      api<PeopleDto>(`/api/people?q=${encodeURIComponent(search.trim())}`).then(
        (r) => live && setFound(r.people),
        () => live && setFound([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search]);
  const people = new Map<string, string>([
    [me.person.id, `${me.person.displayName} (you)`],
    ...owners.map((a) => [a.ownerId, a.ownerName] as [string, string]),
    ...found.map((p) => [p.id, `${p.displayName}${p.teamName ? `, ${p.teamName}` : ''}`] as [string, string]),
  ]);
  const save = async () => {
    setProblem(null);
    const body: NewActionRequest = { what, ownerId, due, status, progress, link: question ? { kind: 'question', questionId: question } : { kind: 'none' } };
    try {
      if (action) await api(`/api/actions/${encodeURIComponent(action.id)}`, { method: 'PATCH', body: { ...body, version: action.version } });
      else await api('/api/actions', { method: 'POST', body });
      setErrors({});
      if (!action) {
        setWhat('');
        setDue('');
        setProgress('');
        setQuestion('');
      }
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.body.fieldErrors) setErrors(Object.fromEntries(e.body.fieldErrors.map((f) => [f.field, f.message])));
      else setProblem(messageOf(e));
    }
  };
  const err = (f: string) => (errors[f] ? { validationState: 'error' as const, validationMessage: errors[f] } : {});
  return (
    <form
      className="phc-form"
      aria-labelledby="action-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 id="action-editor">{action ? 'Change the action' : 'Add an action'}</h3>
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="What will be done" required {...err('what')}>
        <Textarea value={what} onChange={(_, d) => setWhat(d.value)} />
      </Field>
      <Field label="Find an owner by name" hint="Type two or more letters; the people found are added to the Owner list.">
        <Input value={search} onChange={(_, d) => setSearch(d.value)} />
      </Field>
      <Field label="Owner" required {...err('ownerId')}>
        <Select value={ownerId} onChange={(_, d) => setOwnerId(d.value)}>
          {[...people].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Due" required {...err('due')}>
        <Input type="date" value={due} onChange={(_, d) => setDue(d.value)} />
      </Field>
      <Field label="Status" {...err('status')}>
        <Select value={status} onChange={(_, d) => setStatus(d.value as ActionStatusDto)}>
          {STATUSES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Health Check question it answers (optional)" {...err('link')}>
        <Select value={question} onChange={(_, d) => setQuestion(d.value)}>
          <option value="">None</option>
          {question !== '' && questions.state === 'ok' && !questions.data.sections.some((s) => s.questions.some((q) => q.id === question)) && (
            <option value={question}>A question no longer asked</option>
          )}
          {questions.state === 'ok' &&
            questions.data.sections.map((s) => (
              <optgroup key={s.id} label={s.title}>
                {s.questions.map((q) => (
                  <option key={q.id} value={q.id}>
                    {q.text}
                  </option>
                ))}
              </optgroup>
            ))}
        </Select>
      </Field>
      <Field label="What has been done so far" {...err('progress')}>
        <Textarea value={progress} onChange={(_, d) => setProgress(d.value)} />
      </Field>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit">
          {action ? 'Save changes' : 'Add the action'}
        </Button>
        {action && <Button onClick={onDone}>Cancel</Button>}
      </div>
    </form>
  );
}

function YouSaidWeDid({ actions }: { readonly actions: readonly ActionDto[] }) {
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async () => {
    setProblem(null);
    try {
      const r = await api<YouSaidWeDidDto>('/api/actions/you-said-we-did', { method: 'POST', body: { message, actionIds: chosen } });
      setResult(`Queued for ${formatCount(r.queued)} staff. The Health Check bot sends it within working hours.`);
      setMessage('');
    } catch (e) {
      setProblem(messageOf(e));
    }
  };
  return (
    <form
      className="phc-form"
      aria-labelledby="ysww"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3 id="ysww">Send “You said, we did” to all staff</h3>
      {result && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{result}</MessageBarBody>
        </MessageBar>
      )}
      {problem && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="The update, in plain words" hint="Up to 2,000 characters." required>
        <Textarea value={message} maxLength={2000} onChange={(_, d) => setMessage(d.value)} />
      </Field>
      {actions.length > 0 && (
        <fieldset className="phc-fieldset">
          <legend>Actions to list under it</legend>
          {actions.map((a) => (
            <Checkbox
              key={a.id}
              label={`${a.what} (${statusLabel(a.status)})`}
              checked={chosen.includes(a.id)}
              onChange={(_, d) => setChosen(d.checked ? [...chosen, a.id] : chosen.filter((x) => x !== a.id))}
            />
          ))}
        </fieldset>
      )}
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={message.trim() === ''}>
          Send to all staff
        </Button>
      </div>
    </form>
  );
}
