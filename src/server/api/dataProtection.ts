import type { DataProtectionServices } from '../../composition/services';
import { can } from '../../domain/access';
import { NAMED_RECORD_KINDS, NAMED_RECORD_LABELS, type NamedRecordKind } from '../../domain/dataProtection/access';
import { holdScopeKey } from '../../domain/dataProtection/retention';
import type { PrivacyNotice } from '../../domain/dataProtection/privacy';
import { csvCell } from '../../domain/shared/csv';
import { isoDateProblem } from '../../domain/shared/brand';
import type { AccessLogStore } from '../../ports/accessLog';
import { mustBe, type RequestContext } from './context';
import { badRequest } from './respond';
import type { AccessLogDto, AccessLogEntryDto, PersonExportDto, PrivacyDto, RetentionDto } from './types';

/** What the data protection routes need: the services, the access log to read, and the privacy notice for this moment. */
export interface DataProtectionApiDeps extends DataProtectionServices {
  readonly accessLog: AccessLogStore;
  readonly privacy: () => Promise<PrivacyNotice>;
}

const PAGE = 500;

export async function privacy(dp: DataProtectionApiDeps): Promise<PrivacyDto> {
  const notice = await dp.privacy();
  return { summary: notice.summary, sections: notice.sections, noticeUrl: notice.noticeUrl ?? null };
}

function day(raw: string | null, name: string): string | undefined {
  if (raw === null || raw === '') return undefined;
  if (isoDateProblem(raw) !== undefined) throw badRequest(`"${name}" must be a date such as 2027-01-11, not "${raw.slice(0, 40)}".`);
  return raw;
}

/** Who read or exported named records: the Data Protection Officer only. Reading it is logged too. */
export async function accessLog(dp: DataProtectionApiDeps, ctx: RequestContext): Promise<AccessLogDto> {
  mustBe(can(ctx.viewer, 'view-access-log'), "The access log is for the council's Data Protection Officer.");
  const from = day(ctx.url.searchParams.get('from'), 'from');
  const to = day(ctx.url.searchParams.get('to'), 'to');
  const person = (ctx.url.searchParams.get('person') ?? '').trim();
  if (person.length > 200) throw badRequest('"person" must be a person\'s id, as the directory gives it.');
  const found = await dp.accessLog.list({ ...(from ? { from } : {}), ...(to ? { to } : {}), ...(person ? { person } : {}), limit: PAGE + 1 });
  const names = new Map(ctx.organisation.people.map((p) => [p.id as string, p.displayName]));
  const entries = found.slice(0, PAGE).map((e): AccessLogEntryDto => ({
    at: e.at,
    viewerId: e.viewerId,
    viewerName: names.get(e.viewerId) ?? null,
    action: e.action,
    what: e.what,
    whatLabel: NAMED_RECORD_LABELS[e.what],
    subjectId: e.subjectId ?? null,
    subjectName: e.subjectId === undefined ? null : (names.get(e.subjectId) ?? null),
    records: e.records,
    via: e.via,
  }));
  return { entries, more: found.length > PAGE };
}

/** The same, as CSV through the one safe-cell rule. */
export async function accessLogCsv(dp: DataProtectionApiDeps, ctx: RequestContext): Promise<string> {
  const { entries } = await accessLog(dp, ctx);
  const line = (cells: readonly (string | number | null)[]) => cells.map(csvCell).join(',');
  return [
    line(['When (UTC)', 'Who', 'Who (name)', 'Did', 'What', 'About', 'About (name)', 'Records', 'Where']),
    ...entries.map((e) => line([e.at, e.viewerId, e.viewerName, e.action, e.whatLabel, e.subjectId, e.subjectName, e.records, e.via])),
  ].join('\r\n');
}

export async function retention(dp: DataProtectionApiDeps, ctx: RequestContext): Promise<RetentionDto> {
  mustBe(can(ctx.viewer, 'view-retention'), 'Retention is for the Data Protection Officer, the Principal Social Worker and admins.');
  const status = await dp.retention.status();
  const due = new Map(status.due.counts.map((c) => [c.type, c]));
  return {
    today: status.today,
    schedule: status.schedule.map((l) => ({
      type: l.type,
      label: l.label,
      covers: l.covers,
      period: l.period,
      from: l.from,
      basis: l.basis,
      overridden: l.overridden,
      disposal: l.disposal,
      due: due.get(l.type)?.disposed ?? 0,
      held: due.get(l.type)?.held ?? 0,
    })),
    holds: status.holds.map((h) => ({ id: h.id, scope: holdScopeKey(h.scope), reason: h.reason, placedOn: h.placedOn })),
    log: status.log.map((l) => ({ runOn: l.runOn, type: l.type, action: l.action, disposed: l.disposed, held: l.held })),
  };
}

/** Everything held about one person (subject access): the PSW and the DPO. The export logs itself. */
export async function personExport(dp: DataProtectionApiDeps, ctx: RequestContext, personId: string): Promise<PersonExportDto> {
  mustBe(can(ctx.viewer, 'export-person'), 'Exporting everything held about someone is for the Principal Social Worker and the Data Protection Officer.');
  if (personId.trim() === '' || personId.length > 200) throw badRequest("Say whose records to export, by the person's id.");
  const found = await dp.exports.export(personId, { viewerId: ctx.viewer.person.id, via: 'tab' });
  return {
    madeAt: found.madeAt,
    person: { id: found.person.id, displayName: found.person.displayName ?? null, role: found.person.role ?? null, teamId: found.person.teamId ?? null, leftOn: found.person.leftOn ?? null },
    store: found.store,
    sharePoint: found.sharePoint.map((i) => ({ ...i, itemId: i.itemId ?? null })),
    notLinked: found.notLinked,
  };
}

/**
 * A table of named records downloaded as CSV in the tab (made in the browser from what was
 * read, itself logged): the download is logged as an export by the person who made it.
 */
export async function exported(dp: DataProtectionApiDeps, ctx: RequestContext, body: Record<string, unknown>): Promise<void> {
  const what = body.what;
  const rows = body.rows;
  if (typeof what !== 'string' || !(NAMED_RECORD_KINDS as readonly string[]).includes(what)) throw badRequest('Say which kind of named records were downloaded.');
  if (typeof rows !== 'number' || !Number.isInteger(rows) || rows < 0 || rows > 1_000_000) throw badRequest('Say how many rows were downloaded, as a whole number.');
  await dp.access.log({ viewerId: ctx.viewer.person.id, what: what as NamedRecordKind, records: rows, via: 'tab', action: 'export' });
}
