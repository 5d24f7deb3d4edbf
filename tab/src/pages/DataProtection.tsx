import { Button, Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import type { AccessLogDto, PersonExportDto, RetentionDto } from '../../../src/server/api/types';
import { api } from '../api';
import type { PageProps } from '../App';
import { DataTable } from '../components/DataTable';
import { failedOutcome, OutcomeMessage, type Outcome } from '../components/Outcome';
import { Empty, Load } from '../components/States';
import { useApi } from '../hooks';
import { formatCount, formatDay } from '../model/format';

/**
 * For the Data Protection Officer and the Principal Social Worker: the retention schedule and
 * what was disposed of (counts only), subject access exports, and (the DPO only) who read or
 * exported named records.
 */
export default function DataProtection({ me }: PageProps) {
  const can = (c: string) => me.capabilities.includes(c as (typeof me.capabilities)[number]);
  return (
    <>
      <h2>Data protection</h2>
      <div data-testid="data-protection">
        {can('export-person') && <PersonExport />}
        {can('view-access-log') && <AccessLog />}
        {can('view-retention') && <Retention />}
      </div>
    </>
  );
}

function PersonExport() {
  const [id, setId] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [found, setFound] = useState<PersonExportDto | undefined>();
  const run = async () => {
    setBusy(true);
    try {
      const made = await api<PersonExportDto>(`/api/data-protection/people/${encodeURIComponent(id.trim())}/export`);
      setFound(made);
      const blob = new Blob([JSON.stringify(made, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `subject-access-${made.person.id}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setOutcome({ ok: true, text: `Exported everything held about ${made.person.displayName ?? made.person.id}. The export is in the access log.` });
    } catch (error) {
      setOutcome(failedOutcome(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Everything held about a person">
      <h3>Everything held about a person</h3>
      <p className="phc-muted">A subject access request: every record that names them, here and in SharePoint, as a file. Each export is logged.</p>
      <form
        className="phc-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Field label="The person's id (as the directory gives it)">
          <Input value={id} onChange={(_, d) => setId(d.value)} />
        </Field>
        <Button appearance="primary" type="submit" disabled={busy || id.trim() === ''}>
          Export their records
        </Button>
      </form>
      <OutcomeMessage outcome={outcome} />
      {found && (
        <DataTable
          title={`Records held about ${found.person.displayName ?? found.person.id}`}
          columns={['Where', 'Records', 'Why they are about them']}
          rows={[
            ...found.store.map((t) => [t.table, formatCount(t.rows.length), [...new Set(t.because.map((b) => b.means))].join('; ')]),
            ...(found.sharePoint.length > 0 ? [['SharePoint', formatCount(found.sharePoint.length), [...new Set(found.sharePoint.map((i) => i.listName))].join(', ')]] : []),
          ]}
        />
      )}
    </section>
  );
}

function AccessLog() {
  const [person, setPerson] = useState('');
  const [query, setQuery] = useState('');
  const data = useApi<AccessLogDto>(`/api/data-protection/access-log${query}`);
  return (
    <section aria-label="Who read or exported named records">
      <h3>Who read or exported named records</h3>
      <p className="phc-muted">Every read and export of audits, supervision, caseloads, actions and the directory: who, what, when and how many people it named. Never the content.</p>
      <form
        className="phc-form"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(person.trim() === '' ? '' : `?person=${encodeURIComponent(person.trim())}`);
        }}
      >
        <Field label="Reads by or about (a person's id; empty for everyone)">
          <Input value={person} onChange={(_, d) => setPerson(d.value)} />
        </Field>
        <Button type="submit">Show</Button>
      </form>
      <Load result={data} what="the access log">
        {(d) =>
          d.entries.length === 0 ? (
            <Empty>No reads or exports of named records are logged for this.</Empty>
          ) : (
            <DataTable
              named="access-log"
              title="Access log"
              columns={['When (UTC)', 'Who', 'Did', 'What', 'About', 'People named', 'Where']}
              rows={d.entries.map((e) => [
                e.at.replace('T', ' ').replace('Z', ''),
                e.viewerName ?? e.viewerId,
                e.action,
                e.whatLabel,
                e.subjectName ?? e.subjectId ?? '',
                formatCount(e.records),
                e.via,
              ])}
              {...(d.more ? { caption: 'The newest 500: narrow by person to see more.' } : {})}
            />
          )
        }
      </Load>
    </section>
  );
}

function Retention() {
  const data = useApi<RetentionDto>('/api/data-protection/retention');
  return (
    <section aria-label="Retention">
      <h3>Retention</h3>
      <Load result={data} what="the retention schedule">
        {(d) => (
          <>
            <DataTable
              title={`Retention schedule on ${formatDay(d.today)}`}
              columns={['Records', 'Kept for', 'From', 'Then', 'Due now', 'Held', 'Why this period']}
              rows={d.schedule.map((l) => [l.label, `${l.period}${l.overridden ? ' (council)' : ''}`, l.from, l.disposal, formatCount(l.due), formatCount(l.held), l.basis])}
            />
            {d.holds.length > 0 ? (
              <DataTable title="Legal holds" columns={['Hold', 'On', 'Since', 'Why']} rows={d.holds.map((h) => [h.id, h.scope, formatDay(h.placedOn), h.reason])} />
            ) : (
              <p className="phc-muted">No legal holds. They are placed with phc retention hold.</p>
            )}
            {d.log.length > 0 ? (
              <DataTable
                title="Disposal log (counts only)"
                columns={['Day', 'Records', 'Done', 'How many', 'Kept by a hold']}
                rows={d.log.map((l) => [formatDay(l.runOn), l.type, l.action, formatCount(l.disposed), formatCount(l.held)])}
              />
            ) : (
              <p className="phc-muted">Nothing has been disposed of yet: the server runs the schedule daily.</p>
            )}
          </>
        )}
      </Load>
    </section>
  );
}
