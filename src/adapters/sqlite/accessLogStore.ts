import { NAMED_RECORD_KINDS, type AccessEntry, type NamedRecordKind } from '../../domain/dataProtection/access';
import type { AccessLogQuery, AccessLogStore } from '../../ports/accessLog';
import { StoreError } from '../../ports/stores';
import type { Db } from './database';

interface Row {
  readonly at: string;
  readonly viewer_id: string;
  readonly action: AccessEntry['action'];
  readonly what: string;
  readonly subject_id: string | null;
  readonly records: number;
  readonly via: AccessEntry['via'];
}

/** The access log in SQLite (`access_log`): appended to, read by the DPO, disposed of by retention. */
export function sqliteAccessLogStore(db: Db): AccessLogStore {
  const insert = db.prepare('INSERT INTO access_log (at, viewer_id, action, what, subject_id, records, via) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return {
    async record(e: AccessEntry): Promise<void> {
      if (!(NAMED_RECORD_KINDS as readonly string[]).includes(e.what)) throw new StoreError('invalid', `"${e.what}" is not a kind of named record the access log knows.`);
      insert.run(e.at, e.viewerId, e.action, e.what, e.subjectId ?? null, e.records, e.via);
    },
    async list(q: AccessLogQuery): Promise<readonly AccessEntry[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.from) {
        where.push('at >= ?');
        params.push(`${q.from}T00:00:00Z`);
      }
      if (q.to) {
        where.push('at <= ?');
        params.push(`${q.to}T23:59:59Z`);
      }
      if (q.person) {
        where.push('(viewer_id = ? OR subject_id = ?)');
        params.push(q.person, q.person);
      }
      const rows = db
        .prepare(`SELECT at, viewer_id, action, what, subject_id, records, via FROM access_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, seq DESC LIMIT ?`)
        .all(...params, q.limit) as Row[];
      return rows.map((r) => ({
        at: r.at,
        viewerId: r.viewer_id,
        action: r.action,
        what: r.what as NamedRecordKind,
        ...(r.subject_id === null ? {} : { subjectId: r.subject_id }),
        records: r.records,
        via: r.via,
      }));
    },
  };
}
