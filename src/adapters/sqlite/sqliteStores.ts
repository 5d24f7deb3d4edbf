import type { AuditTaskStore } from '../../ports/audits';
import type { Stores } from '../../ports/stores';
import { sqliteAuditTaskStore } from './auditTaskStore';
import type { AuditRecordStore } from '../../ports/auditRecords';
import { sqliteAuditRecordStore } from './auditRecordStore';
import { sqliteCycleStore } from './cycleStore';
import { sqliteQuestionnaireStore } from './questionnaireStore';
import type { ConversationStore } from '../../ports/conversations';
import { sqliteConversationStore } from './conversationStore';
import { openDatabase, type Db } from './database';
import type { OutboxStore } from '../../ports/outbox';
import { sqliteOutboxStore } from './outboxStore';
import { sqliteParticipationStore } from './participationStore';
import { sqlitePublishedStore } from './publishedStore';
import { sqliteResponseStore } from './responseStore';
import type { SupervisionLogStore } from '../../ports/supervisionLog';
import { sqliteSupervisionLogStore } from './supervisionLogStore';
import type { OrganisationStore } from '../../ports/organisation';
import { sqliteOrganisationStore } from './organisationStore';
import type { ReportStores } from '../../ports/reportStores';
import { sqliteCaseloadStore } from './caseloadStore';
import { sqliteOrgDataReturnStore } from './orgDataReturnStore';
import { sqliteQualityThemeStore } from './qualityThemeStore';
import { sqliteReportSettingsStore } from './reportSettingsStore';
import type { ActionStore } from '../../ports/actionPlan';
import { sqliteActionStore } from './actionPlanStore';
import type { AuditReminderStore } from '../../ports/auditReminders';
import { sqliteAuditReminderStore } from './auditReminderStore';
import type { SupervisionSampleStore } from '../../ports/supervisionSamples';
import { sqliteSupervisionSampleStore } from './supervisionSampleStore';
import type { FrameworkStores } from '../../ports/framework';
import { sqliteFrameworkStores } from './frameworkStores';
// Data protection: retention, close-out, the access log, subject access.
import type { AccessLogStore } from '../../ports/accessLog';
import type { PersonRecordsStore } from '../../ports/personRecords';
import type { CloseOutStore, RetentionStore } from '../../ports/retention';
import { sqliteAccessLogStore } from './accessLogStore';
import { sqliteCloseOutStore } from './closeOutStore';
import { sqlitePersonRecordsStore } from './personRecordsStore';
import { sqliteRetentionStore } from './retentionStore';
import type { SecretStore } from '../../ports/secrets';
import { localFolderSecrets, secretsFolderFor } from '../secrets/localFolder';
import { memorySecrets } from '../secrets/memory';

function defaultSecretsFor(file: string): SecretStore {
  return file === ':memory:' ? memorySecrets() : localFolderSecrets(secretsFolderFor(file));
}

/**
 * All the stores in one SQLite file (WAL mode, foreign keys on, secure delete on), with the
 * schema brought up to date on open. `file` may be `:memory:` for tests; otherwise the caller
 * has created its directory.
 */
export function openSqliteStores(file: string, secrets?: SecretStore): Stores {
  return openSqlite(file, secrets ? { secrets } : {}).stores;
}

/** Operational state that stays in SQLite whichever store holds the records. */
export interface OperationalState {
  readonly conversations: ConversationStore;
  /** Proactive Teams messages waiting, being sent and sent. */
  readonly outbox: OutboxStore;
  /** The open connection, for the adapters that share it (the SharePoint outbox and sync state). */
  readonly db: Db;
}

/**
 * Every store, sharing one connection to one file: the survey's `stores`, the audit
 * programme's tasks, records, reminders and samples, the supervision log, the organisation,
 * the management reports' stores, the action plan, and the operational state. Built once, by
 * the composition root (src/composition); the SharePoint adapter builds on the same set.
 */
export interface SqliteStores {
  readonly stores: Stores;
  readonly operational: OperationalState;
  readonly audits: AuditTaskStore;
  readonly auditRecords: AuditRecordStore;
  /** Who was sent which audit reminder on which day, and the one snooze per task. */
  readonly auditReminders: AuditReminderStore;
  /** Each staff supervision audit's sample, as drawn. */
  readonly supervisionSamples: SupervisionSampleStore;
  readonly supervisionLog: SupervisionLogStore;
  readonly organisations: OrganisationStore;
  readonly reports: ReportStores;
  /** The action plan and its "You said, we did" updates. */
  readonly actions: ActionStore;
  /** Focus groups, thematic reviews and the organisational self-assessments. */
  readonly framework: FrameworkStores;
  /** Data protection: disposal under the retention schedule and legal holds. */
  readonly retention: RetentionStore;
  /** Closed cycles' kept figures, and closing them out. */
  readonly closeOuts: CloseOutStore;
  /** Who read or exported named records. */
  readonly accessLog: AccessLogStore;
  /** Everything held about a named person (subject access). */
  readonly personRecords: PersonRecordsStore;
}

export interface SqliteOptions {
  /**
   * What follows a stored response: a checkpoint, so the WAL keeps no copy of the person's
   * draft. Default: at once, on this thread (`checkpoint`); the server hands it to its
   * background thread, so that no one's reply waits for the disk.
   */
  readonly afterSubmit?: (db: Db) => void;
  /**
   * Where the participation secrets are (the composition root passes the configured store); by
   * default a database in memory keeps them in memory and a file in the folder beside it.
   */
  readonly secrets?: SecretStore;
}

export function openSqlite(file: string, options: SqliteOptions = {}): SqliteStores {
  const db = openDatabase(file);
  const stores: Stores = {
    cycles: sqliteCycleStore(db, options.secrets ?? defaultSecretsFor(file)),
    questionnaires: sqliteQuestionnaireStore(db),
    responses: sqliteResponseStore(db),
    participation: sqliteParticipationStore(db, options.afterSubmit),
    published: sqlitePublishedStore(db),
    async close(): Promise<void> {
      // Closing the last connection checkpoints and removes the -wal file.
      if (db.open) db.close();
    },
  };
  return {
    stores,
    operational: { conversations: sqliteConversationStore(db), outbox: sqliteOutboxStore(db), db },
    audits: sqliteAuditTaskStore(db),
    auditRecords: sqliteAuditRecordStore(db),
    auditReminders: sqliteAuditReminderStore(db),
    supervisionSamples: sqliteSupervisionSampleStore(db),
    supervisionLog: sqliteSupervisionLogStore(db),
    organisations: sqliteOrganisationStore(db),
    reports: reportStores(db),
    actions: sqliteActionStore(db),
    framework: sqliteFrameworkStores(db),
    retention: sqliteRetentionStore(db),
    closeOuts: sqliteCloseOutStore(db),
    accessLog: sqliteAccessLogStore(db),
    personRecords: sqlitePersonRecordsStore(db),
  };
}

/** Caseloads, 39-steps returns, the PSW's report settings and quality themes. */
export function reportStores(db: Db): ReportStores {
  return { caseloads: sqliteCaseloadStore(db), orgDataReturns: sqliteOrgDataReturnStore(db), settings: sqliteReportSettingsStore(db), themes: sqliteQualityThemeStore(db) };
}
