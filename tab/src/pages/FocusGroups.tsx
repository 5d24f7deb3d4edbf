import { Button, Field, Input, Link, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { FocusGroupDto, FocusGroupListDto, MeDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { OutcomeMessage } from '../components/Outcome';
import { PersonPicker } from '../components/PersonPicker';
import { Empty, Load } from '../components/States';
import { ToActionForm } from '../components/ToActionForm';
import { useSend } from '../components/useSend';
import { useApi } from '../hooks';
import { useLatest } from '../components/useLatest';
import { formatCount, formatDay } from '../model/format';
import { focusGroupsTable } from '../model/framework';

/**
 * Focus groups (Appendix 5): the PSW schedules one (day, facilitator, the teams or roles
 * invited) and sends the invitations through the bot; the facilitator records the notes
 * against Appendix 5's questions and the key themes, which can go to the action plan. The
 * server refuses a note that names anyone in the directory, and says which.
 */
export default function FocusGroups({ me, route, go }: PageProps) {
  const year = route.params.year;
  const list = useLatest(useApi<FocusGroupListDto>(`/api/framework/focus-groups${year ? `?year=${encodeURIComponent(year)}` : ''}`));
  const selected = route.params.id;
  return (
    <>
      <h2>Focus groups</h2>
      <p className="phc-muted">
        The health check and the national standards audit hear from staff in focus groups (Appendix 5 of the Practice Quality Assurance Framework). Notes are kept against Appendix 5&apos;s questions
        and name nobody.
      </p>
      <Load result={list} what="the focus groups">
        {(l) => (
          <div data-testid="focus-groups">
            <div className="phc-row">
              <Field label="Council year">
                <Select value={String(l.year)} onChange={(_, d) => go({ page: 'focus-groups', params: { year: d.value } })}>
                  {[l.year - 1, l.year, l.year + 1].map((y) => (
                    <option key={y} value={y}>
                      April {y} – March {y + 1}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            {l.groups.length === 0 ? (
              <Empty>No focus groups in this year{l.canSchedule ? ' yet. Schedule one below.' : ' that you facilitate.'}</Empty>
            ) : (
              <DataTable
                {...focusGroupsTable(l.year, l.groups)}
                rowKeys={l.groups.map((g) => g.id)}
                render={(r, c) => {
                  const g = l.groups[r];
                  return c === 0 && g ? <Link href={`#/focus-groups?year=${l.year}&id=${encodeURIComponent(g.id)}`}>{g.title}</Link> : undefined;
                }}
              />
            )}
            {selected ? (
              <FocusGroupDetail key={selected} id={selected} list={l} me={me} onChange={list.reload} />
            ) : (
              l.canSchedule && <ScheduleForm list={l} me={me} onDone={(g) => go({ page: 'focus-groups', params: { year: String(g.year), id: g.id } })} />
            )}
          </div>
        )}
      </Load>
    </>
  );
}

function ScheduleForm({
  list,
  me,
  group,
  onDone,
}: {
  readonly list: FocusGroupListDto;
  readonly me: MeDto;
  readonly group?: FocusGroupDto;
  readonly onDone: (g: { readonly id: string; readonly year: number }) => void;
}) {
  const [purpose, setPurpose] = useState(group?.purpose ?? 'health-check');
  const [title, setTitle] = useState(group?.title ?? '');
  const [date, setDate] = useState(group?.date ?? '');
  const [time, setTime] = useState(group?.time ?? '14:00');
  const [place, setPlace] = useState(group?.place ?? '');
  const [facilitatorId, setFacilitatorId] = useState(group?.facilitatorId ?? me.person.id);
  const [teams, setTeams] = useState<readonly string[]>(group?.invitedTeams ?? []);
  const [roles, setRoles] = useState<readonly string[]>(group?.invitedRoles ?? []);
  const { send, err, outcome, busy } = useSend();
  const toggle = (list: readonly string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));
  const submit = async () => {
    const body = { purpose, ...(title.trim() ? { title } : {}), date, time, place, facilitatorId, invitedTeams: teams, invitedRoles: roles };
    const saved = await send(() =>
      group
        ? api<FocusGroupDto>(`/api/framework/focus-groups/${encodeURIComponent(group.id)}`, { method: 'PATCH', body: { ...body, version: group.version } })
        : api<FocusGroupDto>('/api/framework/focus-groups', { method: 'POST', body }),
    );
    if (saved) onDone({ id: saved.id, year: Number(saved.date.slice(0, 4)) - (saved.date.slice(5, 7) < '04' ? 1 : 0) });
  };
  const known = [{ id: me.person.id, name: `${me.person.displayName} (you)` }, ...(group && group.facilitatorId !== me.person.id ? [{ id: group.facilitatorId, name: group.facilitator }] : [])];
  return (
    <form
      className="phc-form"
      aria-labelledby="focus-group-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id="focus-group-form">{group ? 'Change the arrangements' : 'Schedule a focus group'}</h3>
      <Field label="Part of" {...err('purpose')}>
        <Select value={purpose} onChange={(_, d) => setPurpose(d.value)}>
          {list.purposes
            .filter((p) => p.id !== 'thematic-review')
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
        </Select>
      </Field>
      <Field label="Title (optional)" hint="Left empty, it is named after what it is part of." {...err('title')}>
        <Input value={title} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <div className="phc-row">
        <Field label="Day" required {...err('date')}>
          <Input type="date" value={date} onChange={(_, d) => setDate(d.value)} />
        </Field>
        <Field label="Starts at" required {...err('time')}>
          <Input type="time" value={time} onChange={(_, d) => setTime(d.value)} />
        </Field>
      </div>
      <Field label="Where" required hint="A room, or Teams meeting." {...err('place')}>
        <Input value={place} onChange={(_, d) => setPlace(d.value)} />
      </Field>
      <PersonPicker
        label="Facilitator"
        value={facilitatorId}
        onChange={setFacilitatorId}
        known={known}
        required
        {...(err('facilitatorId').validationMessage ? { error: err('facilitatorId').validationMessage as string } : {})}
      />
      <fieldset className="phc-fieldset">
        <legend>Teams invited</legend>
        {list.teams.map((t) => (
          <label key={t.id}>
            <input type="checkbox" checked={teams.includes(t.id)} onChange={(e) => setTeams(toggle(teams, t.id, e.target.checked))} /> {t.name}
          </label>
        ))}
        {err('invitedTeams').validationMessage && (
          <p className="phc-error" role="alert">
            {err('invitedTeams').validationMessage}
          </p>
        )}
      </fieldset>
      <fieldset className="phc-fieldset">
        <legend>Roles invited (across every team)</legend>
        {list.roles.map((r) => (
          <label key={r.id}>
            <input type="checkbox" checked={roles.includes(r.id)} onChange={(e) => setRoles(toggle(roles, r.id, e.target.checked))} /> {r.label}
          </label>
        ))}
      </fieldset>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy}>
          {group ? 'Save the arrangements' : 'Schedule it'}
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function FocusGroupDetail({ id, list, me, onChange }: { readonly id: string; readonly list: FocusGroupListDto; readonly me: MeDto; readonly onChange: () => void }) {
  const group = useLatest(useApi<FocusGroupDto>(`/api/framework/focus-groups/${encodeURIComponent(id)}`));
  const { send, outcome, busy } = useSend();
  const reload = () => {
    group.reload();
    onChange();
  };
  return (
    <Load result={group} what="the focus group">
      {(g) => (
        <section aria-labelledby="focus-group-title" data-testid="focus-group">
          <h3 id="focus-group-title">{g.title}</h3>
          <p>
            {g.purposeLabel}. {formatDay(g.date)} at {g.time}, {g.place}. Facilitated by {g.facilitator}. <strong>{g.statusLabel}</strong>
            {g.invitationsSentOn ? ` on ${formatDay(g.invitationsSentOn)}` : ''}.
          </p>
          <p data-testid="focus-group-replies">
            {formatCount(g.invited)} invited: {formatCount(g.coming)} coming, {formatCount(g.notComing)} not coming{g.attended === null ? '' : `; ${formatCount(g.attended)} attended`}.
          </p>
          <div className="phc-buttons">
            {g.can.invite && (
              <Button
                appearance="primary"
                disabled={busy}
                onClick={() =>
                  void send(
                    () => api<FocusGroupDto & { added: number }>(`/api/framework/focus-groups/${encodeURIComponent(g.id)}/invitations`, { method: 'POST', body: { version: g.version } }),
                    (r) => `${formatCount(r.added)} ${r.added === 1 ? 'invitation is' : 'invitations are'} on the way through the bot.`,
                  ).then(reload)
                }
              >
                {g.invitationsSentOn ? 'Invite newcomers' : 'Send the invitations'}
              </Button>
            )}
            {g.can.cancel && (
              <Button
                disabled={busy}
                onClick={() =>
                  void send(
                    () => api(`/api/framework/focus-groups/${encodeURIComponent(g.id)}/cancel`, { method: 'POST', body: { version: g.version } }),
                    () => 'The focus group is cancelled; whoever was invited is told.',
                  ).then(reload)
                }
              >
                Cancel the focus group
              </Button>
            )}
          </div>
          <OutcomeMessage outcome={outcome} />
          {g.invitations && g.invitations.length > 0 && (
            <DataTable
              title="Who is invited"
              columns={['Name', 'Reply']}
              rows={g.invitations.map((i) => [i.name, i.reply === 'coming' ? 'Coming' : i.reply === 'not-coming' ? 'Not coming' : 'No reply yet'])}
              rowKeys={g.invitations.map((i) => i.personId)}
            />
          )}
          {g.can.reschedule && <ScheduleForm list={list} me={me} group={g} onDone={reload} />}
          {g.can.record ? <NotesForm group={g} list={list} onDone={reload} /> : <SavedNotes group={g} list={list} />}
          {g.keyThemes.length > 0 && <KeyThemes group={g} me={me} onDone={reload} />}
        </section>
      )}
    </Load>
  );
}

function SavedNotes({ group, list }: { readonly group: FocusGroupDto; readonly list: FocusGroupListDto }) {
  const questions = list.appendix5.themes.flatMap((t) => t.questions).filter((q) => group.notes[q.id] !== undefined);
  if (questions.length === 0) return <p className="phc-muted">No notes recorded yet.</p>;
  return (
    <>
      <h4>Notes</h4>
      {questions.map((q) => (
        <div key={q.id} className="phc-question">
          <p>
            <strong>{q.number}.</strong> {q.text}
          </p>
          <p>{group.notes[q.id]}</p>
        </div>
      ))}
    </>
  );
}

function NotesForm({ group, list, onDone }: { readonly group: FocusGroupDto; readonly list: FocusGroupListDto; readonly onDone: () => void }) {
  const [notes, setNotes] = useState<Record<string, string>>({ ...group.notes });
  const [attended, setAttended] = useState(group.attended === null ? '' : String(group.attended));
  const [themes, setThemes] = useState(group.keyThemes.map((t) => ({ area: t.area, summary: t.summary })));
  const { send, err, outcome, busy } = useSend();
  const save = () =>
    void send(
      () =>
        api<FocusGroupDto>(`/api/framework/focus-groups/${encodeURIComponent(group.id)}/notes`, {
          method: 'POST',
          body: { version: group.version, notes, attended: attended.trim() === '' ? null : Number(attended), themes: themes.filter((t) => t.summary.trim() !== '') },
        }),
      () => 'The notes are saved.',
    ).then((saved) => saved && onDone());
  return (
    <form
      className="phc-form"
      aria-labelledby="notes-title"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h4 id="notes-title">Notes against Appendix 5</h4>
      <p className="phc-muted">Write what the group said, not who said it: a note that names someone in the staff directory is not saved, and the name is shown so you can change it.</p>
      <Field label="How many came" {...err('attended')}>
        <Input type="number" inputMode="numeric" min={0} value={attended} onChange={(_, d) => setAttended(d.value)} />
      </Field>
      {list.appendix5.themes.map((theme) => (
        <fieldset key={theme.id} className="phc-fieldset">
          <legend>{theme.title}</legend>
          {theme.questions.map((q) => (
            <Field key={q.id} label={`${q.number}. ${q.text}`} {...err(`notes.${q.id}`)}>
              <Textarea value={notes[q.id] ?? ''} onChange={(_, d) => setNotes((n) => ({ ...n, [q.id]: d.value }))} resize="vertical" />
            </Field>
          ))}
        </fieldset>
      ))}
      <fieldset className="phc-fieldset">
        <legend>Key themes the group drew out</legend>
        {themes.map((t, i) => (
          <div key={i} className="phc-row">
            <Field label={`Theme ${i + 1}: Appendix 5 theme`}>
              <Select value={t.area} onChange={(_, d) => setThemes((all) => all.map((x, j) => (j === i ? { ...x, area: d.value } : x)))}>
                {list.appendix5.themes.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.title}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={`Theme ${i + 1}: in a few words`} {...err(`themes.${i}`)}>
              <Input value={t.summary} onChange={(_, d) => setThemes((all) => all.map((x, j) => (j === i ? { ...x, summary: d.value } : x)))} />
            </Field>
            <Button onClick={() => setThemes((all) => all.filter((_, j) => j !== i))} aria-label={`Remove theme ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <div className="phc-buttons">
          <Button onClick={() => setThemes((all) => [...all, { area: list.appendix5.themes[0]?.id ?? 'workload', summary: '' }])}>Add a theme</Button>
        </div>
      </fieldset>
      <div className="phc-buttons">
        <Button appearance="primary" type="submit" disabled={busy}>
          Save the notes
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function KeyThemes({ group, me, onDone }: { readonly group: FocusGroupDto; readonly me: MeDto; readonly onDone: () => void }) {
  const [making, setMaking] = useState<number | null>(null);
  return (
    <>
      <DataTable
        title="Key themes"
        columns={['Appendix 5 theme', 'Theme', 'Action plan']}
        rows={group.keyThemes.map((t) => [t.areaTitle, t.summary, t.actionId ? 'In the action plan' : group.can.makeAction ? 'Put in the action plan' : 'Not yet'])}
        render={(r, c) => {
          const t = group.keyThemes[r];
          return c === 2 && t && !t.actionId && group.can.makeAction ? (
            <Button size="small" onClick={() => setMaking(r)} aria-label={`Put in the action plan: ${t.summary}`}>
              Put in the action plan
            </Button>
          ) : undefined;
        }}
      />
      {making !== null && group.keyThemes[making] && (
        <ToActionForm
          key={making}
          title={`Put "${group.keyThemes[making]?.summary ?? ''}" in the action plan`}
          me={me}
          url={`/api/framework/focus-groups/${encodeURIComponent(group.id)}/themes/${making}/action`}
          version={group.version}
          onDone={() => {
            setMaking(null);
            onDone();
          }}
        />
      )}
    </>
  );
}
