import { Button, Checkbox, Field, Input, Select, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { AdminDto, AuditPlanChangeDto, AuditPlanDto, CaseloadUploadDto, OrganisationUploadDto, QualityThemeDto, ReplanDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { OutcomeMessage } from '../components/Outcome';
import { Empty, Load } from '../components/States';
import { useSend } from '../components/useSend';
import { useApi } from '../hooks';
import { useLatest } from '../components/useLatest';
import { formatCount, formatDay } from '../model/format';
import { planChangeTable, rulesTable, uploadProblemsTable } from '../model/framework';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** In the council's year, April first. */
const COUNCIL_MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3];

/**
 * What the PSW did on the command line, in the tab: the organisation and Care Director
 * uploads (previewed first: every bad row by line and column, nothing stored until the whole
 * file is right), the caseload level, quality themes, and Appendix 6's rules with what a
 * change would do shown before it is saved.
 */
export default function Admin(_: PageProps) {
  const summary = useLatest(useApi<AdminDto>('/api/admin'));
  return (
    <>
      <h2>Admin</h2>
      <Load result={summary} what="the admin settings">
        {(s) => (
          <div data-testid="admin">
            <OrganisationUpload summary={s} onDone={summary.reload} />
            <CaseloadUpload summary={s} />
            <CaseloadLevel summary={s} onDone={summary.reload} />
            <QualityThemes summary={s} />
            <AuditPlan />
          </div>
        )}
      </Load>
    </>
  );
}

/** A CSV file chosen on this computer, read as text in the browser (it goes to the server as the upload). */
function FileChooser({ id, label, onRead }: { readonly id: string; readonly label: string; readonly onRead: (file: { readonly name: string; readonly text: string }) => void }) {
  return (
    <div className="phc-fieldset">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept=".csv,text/csv"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void file.text().then((text) => onRead({ name: file.name, text }));
        }}
      />
    </div>
  );
}

function OrganisationUpload({ summary, onDone }: { readonly summary: AdminDto; readonly onDone: () => void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<OrganisationUploadDto | null>(null);
  const { send, outcome, busy } = useSend();
  const body = () => ({ csv: file?.text ?? '', fileName: file?.name ?? 'organisation.csv' });
  const o = summary.organisation;
  return (
    <section aria-labelledby="org-upload" className="phc-form">
      <h3 id="org-upload">Organisation</h3>
      <p className="phc-muted">
        {o.importedOn
          ? `Imported on ${formatDay(o.importedOn)}: ${formatCount(o.people)} people in post in ${formatCount(o.teams)} teams, ${formatCount(o.leavers)} leavers kept.`
          : 'No organisation has been uploaded: the app uses the demo organisation, or the directory.'}{' '}
        Upload the staff CSV (id, display_name, role, team, service_area, line_manager_id, supervisor_id; optional leaving_date, team_name). It is checked first; nothing changes until you import it.
      </p>
      <FileChooser
        id="org-file"
        label="Organisation CSV"
        onRead={(f) => {
          setFile(f);
          setPreview(null);
        }}
      />
      <div className="phc-buttons">
        <Button
          disabled={!file || busy}
          onClick={() => void send(() => api<OrganisationUploadDto>('/api/admin/organisation/preview', { method: 'POST', body: body() })).then((r) => r && setPreview(r))}
        >
          Check the file
        </Button>
        <Button
          appearance="primary"
          disabled={!preview || preview.problems.length > 0 || busy}
          onClick={() =>
            void send(
              () => api<OrganisationUploadDto>('/api/admin/organisation/import', { method: 'POST', body: body() }),
              (r) => `Imported ${formatCount(r.people)} people in ${formatCount(r.teams)} teams. Re-plan the year's audits below so they follow it.`,
            ).then((r) => {
              if (r) {
                setPreview(null);
                onDone();
              }
            })
          }
        >
          Import it
        </Button>
      </div>
      {preview && (
        <div data-testid="org-preview" role="status">
          {preview.problems.length === 0 ? (
            <p>
              All {formatCount(preview.rows)} rows are right: {formatCount(preview.people)} people in {formatCount(preview.teams)} teams
              {preview.leavers > 0 ? `, ${formatCount(preview.leavers)} with a leaving date` : ''}.{' '}
              {preview.notInFile > 0
                ? `${formatCount(preview.notInFile)} ${preview.notInFile === 1 ? 'person in post now is' : 'people in post now are'} not in the file: importing keeps them as leavers, and re-planning cancels their audits still to do.`
                : 'Nobody in post now is missing from it.'}
            </p>
          ) : (
            <>
              <p>
                Nothing can be imported from this file: {formatCount(new Set(preview.problems.map((p) => p.line)).size)} of {formatCount(preview.rows)} rows have problems. Correct them and check it
                again.
              </p>
              <DataTable {...uploadProblemsTable('Problems in the organisation file', preview.problems)} />
            </>
          )}
        </div>
      )}
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}

function CaseloadUpload({ summary }: { readonly summary: AdminDto }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [period, setPeriod] = useState(summary.defaultPeriod);
  const [replace, setReplace] = useState(false);
  const [preview, setPreview] = useState<CaseloadUploadDto | null>(null);
  const { send, outcome, busy } = useSend();
  const body = () => ({ csv: file?.text ?? '', fileName: file?.name ?? 'caseloads.csv', period, replace });
  const blocked = !preview || preview.problems.length > 0 || (preview.alreadyStored.length > 0 && !replace);
  return (
    <section aria-labelledby="caseload-upload" className="phc-form">
      <h3 id="caseload-upload">Care Director caseloads</h3>
      <p className="phc-muted">
        The caseload and workload audit&apos;s export: worker, team, month, open_cases, and optional complexity_weight, risk_weight, travel_weight. Checked first; all or nothing.
      </p>
      <FileChooser
        id="caseload-file"
        label="Caseload CSV"
        onRead={(f) => {
          setFile(f);
          setPreview(null);
        }}
      />
      <Field label="Audit period" hint="First and last month, e.g. 2026-07..2026-09.">
        <Input
          value={period}
          onChange={(_, d) => {
            setPeriod(d.value);
            setPreview(null);
          }}
        />
      </Field>
      <Checkbox checked={replace} onChange={(_, d) => setReplace(d.checked === true)} label="Replace the months already held for these teams" />
      <div className="phc-buttons">
        <Button disabled={!file || busy} onClick={() => void send(() => api<CaseloadUploadDto>('/api/admin/caseloads/preview', { method: 'POST', body: body() })).then((r) => r && setPreview(r))}>
          Check the file
        </Button>
        <Button
          appearance="primary"
          disabled={blocked || busy}
          onClick={() =>
            void send(
              () => api<CaseloadUploadDto>('/api/admin/caseloads/import', { method: 'POST', body: body() }),
              (r) => `Imported ${formatCount(r.entries)} caseloads in ${formatCount(r.teams)} teams${r.replaced > 0 ? `, replacing ${formatCount(r.replaced)} held before` : ''}.`,
            ).then((r) => r && setPreview(null))
          }
        >
          Import it
        </Button>
      </div>
      {preview && (
        <div data-testid="caseload-preview" role="status">
          {preview.problems.length > 0 ? (
            <>
              <p>
                Nothing can be imported from this file: {formatCount(new Set(preview.problems.map((p) => p.line)).size)} of {formatCount(preview.rows)} rows have problems.
              </p>
              <DataTable {...uploadProblemsTable('Problems in the caseload file', preview.problems)} />
            </>
          ) : (
            <>
              <p>
                All {formatCount(preview.rows)} rows are right: {formatCount(preview.entries)} caseloads in {formatCount(preview.teams)} teams, {preview.period.from} to {preview.period.to}.
                {preview.alreadyStored.length > 0 && ` Caseloads are already held for ${formatCount(preview.alreadyStored.length)} of its team-months: tick "Replace" to replace exactly those.`}
              </p>
              {preview.unmatched.length > 0 && (
                <DataTable
                  title="Workers the directory does not know (kept under the name in the file)"
                  columns={['Line', 'Worker', 'Team']}
                  rows={preview.unmatched.map((u) => [formatCount(u.line), u.worker, u.teamId])}
                />
              )}
            </>
          )}
        </div>
      )}
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}

function CaseloadLevel({ summary, onDone }: { readonly summary: AdminDto; readonly onDone: () => void }) {
  const [level, setLevel] = useState(String(summary.caseloadLevel));
  const { send, outcome, busy } = useSend();
  return (
    <form
      className="phc-form"
      aria-labelledby="caseload-level"
      onSubmit={(e) => {
        e.preventDefault();
        void send(
          () => api<{ level: number }>('/api/admin/caseload-level', { method: 'POST', body: { level: Number(level) } }),
          (r) => `Workers above ${formatCount(r.level)} open cases are now flagged to their own managers.`,
        ).then((r) => r && onDone());
      }}
    >
      <h3 id="caseload-level">Caseload level</h3>
      <Field label="Flag workers whose average caseload is above (open cases)">
        <Input type="number" inputMode="numeric" min={1} value={level} onChange={(_, d) => setLevel(d.value)} />
      </Field>
      <div className="phc-buttons">
        <Button type="submit" disabled={busy}>
          Save the level
        </Button>
      </div>
      <OutcomeMessage outcome={outcome} />
    </form>
  );
}

function QualityThemes({ summary }: { readonly summary: AdminDto }) {
  const list = useLatest(useApi<readonly QualityThemeDto[]>('/api/admin/quality-themes'));
  const [theme, setTheme] = useState('');
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const { send, err, outcome, busy } = useSend();
  return (
    <section aria-labelledby="quality-themes" className="phc-form">
      <h3 id="quality-themes">Quality themes, {summary.quarter.label}</h3>
      <p className="phc-muted">Themes you draw from audit comments and actions for the Quarterly Quality Report. Your own words: never a copy of a form&apos;s answers.</p>
      <Load result={list} what="the themes">
        {(themes) =>
          themes.length === 0 ? (
            <Empty>No themes tagged this quarter yet.</Empty>
          ) : (
            <DataTable
              title="Themes this quarter"
              columns={['Theme', 'Seen in', 'Note', 'Remove']}
              rowKeys={themes.map((t) => String(t.id))}
              rows={themes.map((t) => [t.theme, t.source, t.note, ''])}
              render={(r, c) => {
                const t = themes[r];
                return c === 3 && t ? (
                  <Button
                    size="small"
                    disabled={busy}
                    aria-label={`Remove the theme: ${t.theme}`}
                    onClick={() =>
                      void send(
                        () => api(`/api/admin/quality-themes/${t.id}`, { method: 'DELETE' }),
                        () => `Removed "${t.theme}".`,
                      ).then(list.reload)
                    }
                  >
                    Remove
                  </Button>
                ) : undefined;
              }}
            />
          )
        }
      </Load>
      <form
        className="phc-form"
        aria-label="Add a quality theme"
        onSubmit={(e) => {
          e.preventDefault();
          void send(
            () => api<QualityThemeDto>('/api/admin/quality-themes', { method: 'POST', body: { theme, source, note } }),
            (t) => `Tagged "${t.theme}".`,
          ).then((t) => {
            if (t) {
              setTheme('');
              setSource('');
              setNote('');
              list.reload();
            }
          });
        }}
      >
        <Field label="Theme" required {...err('theme')}>
          <Input value={theme} onChange={(_, d) => setTheme(d.value)} />
        </Field>
        <Field label="Seen in" hint="An audit type, or a few words.">
          <Input value={source} onChange={(_, d) => setSource(d.value)} />
        </Field>
        <Field label="Note">
          <Textarea value={note} onChange={(_, d) => setNote(d.value)} />
        </Field>
        <div className="phc-buttons">
          <Button type="submit" disabled={busy}>
            Add the theme
          </Button>
        </div>
      </form>
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}

interface RuleDraft {
  frequency: number;
  from: number;
  to: number;
  leadRole: string | null;
}

function AuditPlan() {
  const plan = useLatest(useApi<AuditPlanDto>('/api/admin/audit-plan'));
  return (
    <section aria-labelledby="audit-plan" className="phc-form">
      <h3 id="audit-plan">Annual audit plan</h3>
      <Load result={plan} what="the audit plan">
        {(p) => <AuditPlanEditor key={p.year} plan={p} onSaved={plan.reload} />}
      </Load>
    </section>
  );
}

function AuditPlanEditor({ plan, onSaved }: { readonly plan: AuditPlanDto; readonly onSaved: () => void }) {
  const [rules, setRules] = useState<Record<string, RuleDraft>>(
    Object.fromEntries(plan.rules.map((r) => [r.activity, { frequency: r.frequency, from: r.window.from, to: r.window.to, leadRole: r.leadRole }])),
  );
  const [cap, setCap] = useState(String(plan.maxDuePerAuditorPerWeek));
  const [closed, setClosed] = useState(plan.closedDays.join('\n'));
  const [preview, setPreview] = useState<AuditPlanChangeDto | null>(null);
  const [replanned, setReplanned] = useState<ReplanDto | null>(null);
  const { send, outcome, busy } = useSend();
  const change = () => ({
    rules: plan.rules.map((r) => {
      const d = rules[r.activity] as RuleDraft;
      return { activity: r.activity, frequency: d.frequency, window: { from: d.from, to: d.to }, ...(d.leadRole ? { leadRole: d.leadRole } : {}) };
    }),
    maxDuePerAuditorPerWeek: Number(cap),
    closedDays: closed
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  });
  const edit = (activity: string, patch: Partial<RuleDraft>) => {
    setRules((all) => ({ ...all, [activity]: { ...(all[activity] as RuleDraft), ...patch } }));
    setPreview(null);
  };
  const monthSelect = (label: string, value: number, set: (m: number) => void) => (
    <Field label={label}>
      <Select value={String(value)} onChange={(_, d) => set(Number(d.value))}>
        {COUNCIL_MONTHS.map((m) => (
          <option key={m} value={m}>
            {MONTHS[m - 1]}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <>
      <p className="phc-muted">
        Appendix 6 of the Practice Quality Assurance Framework{plan.changed ? ', as you have changed it' : ''}. Change how often and when each activity happens, who leads the organisational ones, the
        weekly limit and the days nothing is due; you see what it would do to {plan.year}/{String((plan.year + 1) % 100).padStart(2, '0')} before anything is saved.
      </p>
      <DataTable {...rulesTable(plan)} rowKeys={plan.rules.map((r) => r.activity)} />
      {plan.reviews.length > 0 && (
        <DataTable
          title="Thematic reviews in the plan"
          columns={['Review', 'Due', 'Theme', 'Status']}
          rows={plan.reviews.map((r) => [`Review ${r.slot}`, r.due ? formatDay(r.due) : '', r.theme ?? 'No theme chosen yet', r.status])}
        />
      )}
      <form
        className="phc-form"
        aria-label="Change the rules"
        onSubmit={(e) => {
          e.preventDefault();
          void send(() => api<AuditPlanChangeDto>('/api/admin/audit-plan/preview', { method: 'POST', body: { year: plan.year, change: change() } })).then((r) => r && setPreview(r));
        }}
      >
        {plan.rules.map((r) => {
          const d = rules[r.activity] as RuleDraft;
          return (
            <fieldset key={r.activity} className="phc-fieldset">
              <legend>{r.title}</legend>
              <div className="phc-row">
                <Field label="How often">
                  <Select value={String(d.frequency)} onChange={(_, v) => edit(r.activity, { frequency: Number(v.value) })}>
                    <option value="1">Once a year</option>
                    <option value="2">Twice a year</option>
                    <option value="4">Four times a year</option>
                  </Select>
                </Field>
                {monthSelect('From', d.from, (m) => edit(r.activity, { from: m }))}
                {monthSelect('To', d.to, (m) => edit(r.activity, { to: m }))}
                {r.leadRole !== null && (
                  <Field label="Led by">
                    <Select value={d.leadRole ?? ''} onChange={(_, v) => edit(r.activity, { leadRole: v.value })}>
                      {plan.leadRoles.map((role) => (
                        <option key={role.id} value={role.id}>
                          {role.label}
                        </option>
                      ))}
                    </Select>
                  </Field>
                )}
              </div>
            </fieldset>
          );
        })}
        <Field label="At most this many audits due for one auditor in one week">
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            value={cap}
            onChange={(_, d) => {
              setCap(d.value);
              setPreview(null);
            }}
          />
        </Field>
        <Field label="Days nothing may be due, besides weekends, Christmas and New Year's Day" hint="One date a line, e.g. 2026-08-31 for a bank holiday.">
          <Textarea
            value={closed}
            onChange={(_, d) => {
              setClosed(d.value);
              setPreview(null);
            }}
          />
        </Field>
        <div className="phc-buttons">
          <Button type="submit" disabled={busy}>
            Show what would change
          </Button>
          <Button
            appearance="primary"
            disabled={!preview || busy}
            onClick={() =>
              void send(
                () => api<AuditPlanChangeDto>('/api/admin/audit-plan', { method: 'POST', body: { year: plan.year, change: change() } }),
                () => 'Saved, and the year is planned again with the new rules.',
              ).then((r) => r && onSaved())
            }
          >
            Save and re-plan
          </Button>
          <Button
            disabled={busy}
            onClick={() =>
              void send(
                () => api<ReplanDto>('/api/admin/audit-plan/replan', { method: 'POST', body: { year: plan.year } }),
                (r) => `Planned again: ${formatCount(r.added)} audits added, ${formatCount(r.cancelled)} cancelled, ${formatCount(r.kept)} kept.`,
              ).then((r) => r && setReplanned(r))
            }
          >
            Re-plan the year
          </Button>
        </div>
      </form>
      {preview && (
        <div data-testid="plan-preview" role="status">
          {preview.changes.length === 0 ? (
            <p>These are the rules in force already: nothing would change.</p>
          ) : (
            <ul>
              {preview.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <DataTable {...planChangeTable(preview)} rowKeys={preview.byActivity.map((a) => a.activity)} />
          {preview.findings.length > 0 && (
            <>
              <p>It could not plan everything:</p>
              <ul>
                {preview.findings.slice(0, 20).map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
              {preview.findings.length > 20 && <p>and {formatCount(preview.findings.length - 20)} more.</p>}
            </>
          )}
        </div>
      )}
      {replanned && replanned.findings.length > 0 && (
        <ul aria-label="What re-planning could not do">
          {replanned.findings.slice(0, 20).map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      )}
      <OutcomeMessage outcome={outcome} />
    </>
  );
}
