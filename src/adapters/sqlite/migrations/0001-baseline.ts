import type { Migration } from '.';

const DATE_CHECK = (column: string): string => `CHECK (length(${column}) = 10 AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')`;

/**
 * The schema of 0.1.0, the first release: every table, index and trigger the app has, in one
 * migration. (Before the release the schema grew through fifteen development migrations; none
 * was ever released, so they were folded into this one.) Never edited again: a change to the
 * schema is the next file in this folder.
 *
 * Anonymity is designed into the tables, not left to the code that uses them:
 * - `responses` holds a random id, the cycle, the survey version, the day and the answers.
 *   No timestamps, no participation key. It is `WITHOUT ROWID` with the random id as primary
 *   key, so there is no rowid counting arrivals and the table's order is the random ids' order.
 * - `participation` holds (cycle, key, status) and no date of any kind: a date there could be
 *   joined to a response's date to find whose response it is.
 * - `drafts` is keyed by participation and deleted at submit (with `secure_delete` on, so the
 *   bytes are zeroed rather than left in a free page).
 * - No column has a default of the current time; nothing records when a row was written.
 */
export const baseline: Migration = {
  id: 1,
  name: 'baseline: the 0.1.0 schema',
  sql: `
      -- The survey. Anonymity is designed into the tables (see the top of this file).
      CREATE TABLE cycles (
        id TEXT NOT NULL PRIMARY KEY,
        survey_id TEXT NOT NULL,
        survey_version INTEGER NOT NULL,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('live', 'published')),
        status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
        opens_on TEXT NOT NULL ${DATE_CHECK('opens_on')},
        closes_on TEXT NOT NULL ${DATE_CHECK('closes_on')},
        threshold INTEGER NOT NULL,
        text_threshold INTEGER NOT NULL,
        participation_secret BLOB NOT NULL CHECK (length(participation_secret) > 0)
      ) STRICT;
      CREATE INDEX cycles_by_opening ON cycles (opens_on, id);

      CREATE TABLE responses (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) = 32),
        cycle_id TEXT NOT NULL REFERENCES cycles (id),
        survey_version INTEGER NOT NULL,
        submitted_on TEXT NOT NULL ${DATE_CHECK('submitted_on')},
        answers TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX responses_by_cycle ON responses (cycle_id, id);

      CREATE TABLE participation (
        cycle_id TEXT NOT NULL REFERENCES cycles (id),
        key TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('started', 'submitted')),
        PRIMARY KEY (cycle_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE drafts (
        cycle_id TEXT NOT NULL,
        key TEXT NOT NULL,
        answers TEXT NOT NULL,
        section_index INTEGER NOT NULL CHECK (section_index >= 0),
        saved_on TEXT NOT NULL ${DATE_CHECK('saved_on')},
        PRIMARY KEY (cycle_id, key),
        FOREIGN KEY (cycle_id, key) REFERENCES participation (cycle_id, key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE published_cycles (
        id TEXT NOT NULL PRIMARY KEY,
        opens_on TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX published_by_opening ON published_cycles (opens_on, id);

      -- How to reach a person in Teams: operational state for the bot, kept apart from survey data and
      -- never joined to it. The user id is the Entra object id (or the playground's id locally).
      CREATE TABLE conversations (
        user_id TEXT NOT NULL PRIMARY KEY,
        reference TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- Proactive messages. One row per cycle, person and message kind; key is the idempotency key
      -- cycle:person:kind, so queueing twice is harmless. Times are ms since the epoch. No
      -- participation key here, and nothing joins it to responses. A finished reminder is done with
      -- attempts 0 and no reason, whatever happened (ADR 0006). Invitations and 39-steps return cards
      -- may be sent. outbox_sender holds the one sender lease per database.
      CREATE TABLE outbox_plans (
        cycle_id TEXT NOT NULL PRIMARY KEY REFERENCES cycles (id),
        plan TEXT NOT NULL
      ) STRICT;

      CREATE TABLE outbox (
        key TEXT NOT NULL PRIMARY KEY,
        cycle_id TEXT NOT NULL REFERENCES cycles (id),
        user_id TEXT NOT NULL CHECK (length(user_id) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('invitation', 'org-return') OR kind GLOB 'reminder-[1-9]*'),
        due_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'no-conversation', 'sending', 'sent', 'done', 'unconfirmed', 'failed', 'cancelled')),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        reason TEXT,
        CHECK (key = cycle_id || ':' || user_id || ':' || kind),
        CHECK (kind IN ('invitation', 'org-return') OR status <> 'sent')
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_by_cycle ON outbox (cycle_id, kind, status);
      CREATE INDEX outbox_by_person ON outbox (user_id, status);

      CREATE TABLE outbox_sender (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        owner TEXT NOT NULL,
        lease_until INTEGER NOT NULL
      ) STRICT;

      -- The audit programme: named records on purpose (audits are not anonymous), never joined to
      -- survey responses. audit_plans records the seed each year was planned with, so the plan
      -- can be reproduced. subject is person:<id>, team:<id> or organisation.
      CREATE TABLE audit_plans (
        year INTEGER NOT NULL PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),
        seed INTEGER NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
        rules_hash TEXT NOT NULL CHECK (length(rules_hash) > 0),
        planned_on TEXT NOT NULL ${DATE_CHECK('planned_on')}
      ) STRICT;

      CREATE TABLE audit_tasks (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        year INTEGER NOT NULL REFERENCES audit_plans (year),
        activity TEXT NOT NULL CHECK (length(activity) > 0),
        subject TEXT NOT NULL CHECK (subject = 'organisation' OR subject GLOB 'person:?*' OR subject GLOB 'team:?*'),
        occurrence INTEGER NOT NULL CHECK (occurrence >= 1),
        auditor TEXT NOT NULL CHECK (length(auditor) > 0),
        form TEXT,
        window_start TEXT NOT NULL ${DATE_CHECK('window_start')},
        window_end TEXT NOT NULL ${DATE_CHECK('window_end')},
        due_on TEXT NOT NULL ${DATE_CHECK('due_on')},
        status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'completed', 'cancelled')),
        completed_on TEXT ${DATE_CHECK('completed_on')},
        cancelled_on TEXT ${DATE_CHECK('cancelled_on')},
        cancelled_reason TEXT CHECK (cancelled_reason IN ('subject-left', 'auditor-changed', 'no-longer-required')),
        CHECK ((status = 'completed') = (completed_on IS NOT NULL)),
        CHECK ((status = 'cancelled') = (cancelled_reason IS NOT NULL))
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX audit_tasks_by_year ON audit_tasks (year, id);
      CREATE INDEX audit_tasks_by_auditor ON audit_tasks (auditor, status, due_on);

      -- The supervision log: one row per (supervisor, supervisee, day), so recording the same day again
      -- replaces the outcome and a double press cannot count a session twice. id is stable
      -- (sup-<date>-<supervisee>-by-<supervisor>) so an audit sample can name a record.
      CREATE TABLE supervision_log (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        supervisor_id TEXT NOT NULL CHECK (length(supervisor_id) > 0),
        supervisee_id TEXT NOT NULL CHECK (length(supervisee_id) > 0),
        held_on TEXT NOT NULL ${DATE_CHECK('held_on')},
        outcome TEXT NOT NULL CHECK (outcome IN ('held', 'postponed', 'cancelled')),
        UNIQUE (supervisor_id, supervisee_id, held_on)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX supervision_log_by_date ON supervision_log (held_on, id);

      -- Filled-in audit forms, one per task. version is for optimistic concurrency; each part's
      -- answers are JSON by item id; form_id is checked by the store against the one list of forms
      -- (AUDIT_FORM_IDS), so a new form needs no table rebuild. audit_record_events is the
      -- append-only history (who, what, when); at is an ISO timestamp.
      CREATE TABLE audit_records (
        task_id TEXT NOT NULL PRIMARY KEY REFERENCES audit_tasks (id),
        form_id TEXT NOT NULL CHECK (length(form_id) > 0),
        form_version INTEGER NOT NULL CHECK (form_version >= 1),
        status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'signed-off')),
        revision INTEGER NOT NULL CHECK (revision >= 0),
        lead_id TEXT NOT NULL CHECK (length(lead_id) > 0),
        subject_id TEXT NOT NULL CHECK (length(subject_id) > 0),
        sign_off_needs_subject_part INTEGER NOT NULL CHECK (sign_off_needs_subject_part IN (0, 1)),
        submitted_at TEXT,
        subject_submitted_at TEXT,
        signed_off_at TEXT,
        signed_off_by TEXT,
        answers_auditor TEXT,
        answers_subject TEXT,
        answers_observer TEXT,
        answers_worker TEXT,
        version INTEGER NOT NULL CHECK (version >= 1),
        CHECK ((status = 'signed-off') = (signed_off_at IS NOT NULL))
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE audit_record_events (
        task_id TEXT NOT NULL REFERENCES audit_records (task_id),
        seq INTEGER NOT NULL CHECK (seq >= 1),
        event TEXT NOT NULL CHECK (event IN ('save-draft', 'submit', 'amend', 'save-subject-part', 'submit-subject-part', 'sign-off')),
        by_id TEXT NOT NULL CHECK (length(by_id) > 0),
        at TEXT NOT NULL CHECK (length(at) > 0),
        PRIMARY KEY (task_id, seq)
      ) STRICT, WITHOUT ROWID;

      -- The imported organisation (phc org import, phc org sync). Leavers are kept with left_on
      -- so completed audits still name them. organisation_import says when the last import was.
      CREATE TABLE people (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        display_name TEXT NOT NULL CHECK (length(display_name) > 0),
        role TEXT NOT NULL CHECK (role IN ('social-worker', 'senior-practitioner', 'social-care-professional', 'occupational-therapist', 'ot-assistant', 'team-manager', 'service-manager', 'principal-social-worker')),
        team_id TEXT,
        line_manager_id TEXT,
        supervisor_id TEXT,
        left_on TEXT ${DATE_CHECK('left_on')}
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE teams (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        name TEXT NOT NULL CHECK (length(name) > 0),
        service_area TEXT NOT NULL CHECK (length(service_area) > 0)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE organisation_import (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        imported_on TEXT NOT NULL ${DATE_CHECK('imported_on')}
      ) STRICT;

      -- Audit reminders, apart from the survey outbox: one row per person per day (key
      -- audit-digest:<person>:<day>), claimed as sending and committed before the send; a row left
      -- sending is in doubt and becomes unconfirmed, never resent (ADR 0006). audit_snoozes: one
      -- snooze per task, ever.
      CREATE TABLE audit_reminders (
        key TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
        person TEXT NOT NULL CHECK (length(person) > 0),
        day TEXT NOT NULL ${DATE_CHECK('day')},
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unconfirmed')),
        reason TEXT
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX audit_reminders_by_day ON audit_reminders (day, status);

      CREATE TABLE audit_snoozes (
        task_id TEXT NOT NULL PRIMARY KEY CHECK (length(task_id) > 0),
        until_on TEXT NOT NULL ${DATE_CHECK('until_on')}
      ) STRICT, WITHOUT ROWID;

      -- Each staff supervision audit's sample: drawn once from the supervision log with a seed derived
      -- from the plan's, and kept as drawn (the picked records copied as JSON) so it can be shown and
      -- re-checked even after the log is corrected.
      CREATE TABLE supervision_samples (
        task_id TEXT NOT NULL PRIMARY KEY REFERENCES audit_tasks (id),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        supervisor_id TEXT NOT NULL CHECK (length(supervisor_id) > 0),
        seed INTEGER NOT NULL CHECK (seed >= 0),
        period_start TEXT NOT NULL ${DATE_CHECK('period_start')},
        period_end TEXT NOT NULL ${DATE_CHECK('period_end')},
        drawn_on TEXT NOT NULL ${DATE_CHECK('drawn_on')},
        supervisees TEXT NOT NULL,
        picks TEXT NOT NULL,
        without_records TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX supervision_samples_by_year ON supervision_samples (year, task_id);

      -- The action plan: named records with an owner, never joined to responses; a link to a question
      -- is to the question, not to anyone's answer. you_said_we_did: the updates sent to staff.
      CREATE TABLE actions (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        what TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 500),
        owner_id TEXT NOT NULL CHECK (length(owner_id) > 0),
        due TEXT NOT NULL ${DATE_CHECK('due')},
        status TEXT NOT NULL CHECK (status IN ('not-started', 'in-progress', 'done', 'dropped')),
        link TEXT NOT NULL CHECK (json_valid(link)),
        progress TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_on TEXT NOT NULL ${DATE_CHECK('created_on')},
        updated_on TEXT NOT NULL ${DATE_CHECK('updated_on')},
        version INTEGER NOT NULL CHECK (version >= 1)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX actions_by_due ON actions (due, id);

      CREATE TABLE you_said_we_did (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        message TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 2000),
        action_ids TEXT NOT NULL CHECK (json_valid(action_ids)),
        sent_by TEXT NOT NULL,
        sent_on TEXT NOT NULL ${DATE_CHECK('sent_on')}
      ) STRICT, WITHOUT ROWID;

      -- One row per update and member of staff: queued for the bot to deliver, at most once
      -- (a row left 'sending' is in doubt and becomes 'unconfirmed', as in ADR 0006).
      CREATE TABLE you_said_we_did_messages (
        update_id TEXT NOT NULL REFERENCES you_said_we_did (id),
        user_id TEXT NOT NULL CHECK (length(user_id) > 0),
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unconfirmed')),
        reason TEXT,
        PRIMARY KEY (update_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX you_said_we_did_messages_by_status ON you_said_we_did_messages (status, update_id);

      -- Caseloads (one figure per worker per team per month; worker_key is the person's id, or
      -- name:<name> for someone the export named but the directory does not know), the teams'
      -- 39-steps returns per cycle, the PSW's report settings, and the quality themes the PSW tags.
      CREATE TABLE caseload_entries (
        team_id TEXT NOT NULL CHECK (length(team_id) > 0),
        month TEXT NOT NULL CHECK (length(month) = 7 AND month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        worker_key TEXT NOT NULL CHECK (length(worker_key) > 0),
        worker_id TEXT,
        worker_name TEXT NOT NULL CHECK (length(worker_name) > 0),
        open_cases INTEGER NOT NULL CHECK (open_cases >= 0),
        complexity REAL CHECK (complexity > 0),
        risk REAL CHECK (risk > 0),
        travel REAL CHECK (travel > 0),
        source TEXT NOT NULL CHECK (source IN ('import', 'manager-return')),
        recorded_on TEXT NOT NULL ${DATE_CHECK('recorded_on')},
        PRIMARY KEY (month, team_id, worker_key)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE org_returns (
        cycle_id TEXT NOT NULL CHECK (length(cycle_id) > 0),
        team_id TEXT NOT NULL CHECK (length(team_id) > 0),
        submitted_by TEXT NOT NULL CHECK (length(submitted_by) > 0),
        submitted_on TEXT NOT NULL ${DATE_CHECK('submitted_on')},
        measures TEXT NOT NULL CHECK (json_valid(measures)),
        PRIMARY KEY (cycle_id, team_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE report_settings (
        key TEXT NOT NULL PRIMARY KEY CHECK (length(key) > 0),
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE quality_themes (
        id INTEGER NOT NULL PRIMARY KEY,
        quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
        theme TEXT NOT NULL CHECK (length(theme) > 0),
        source TEXT NOT NULL,
        note TEXT NOT NULL,
        tagged_by TEXT NOT NULL CHECK (length(tagged_by) > 0),
        tagged_on TEXT NOT NULL ${DATE_CHECK('tagged_on')}
      ) STRICT;
      CREATE INDEX quality_themes_by_quarter ON quality_themes (quarter, theme);

      -- SharePoint as the system of record (ADR 0011). The tables above stay the local read model;
      -- triggers note every change in sharepoint_pending in the same transaction as the change (a
      -- transactional outbox), only once sharepoint_site names a site and not while a delta sync
      -- applies SharePoint's own changes (sharepoint_sync_guard), so nothing echoes back. list
      -- names one of the adapter's SYNCED_LISTS (a test holds the triggers to them), with no
      -- CHECK, so a new list needs no table rebuild.
      -- Anonymity: a pending row is (list, key, cycle) and retry bookkeeping, no time of arrival;
      -- responses wait in groups (sharepoint_holds is per cycle) and leave in random-key order.
      -- Participation is queued only once submitted. Named records (audits, supervision, actions)
      -- leave at once; a deleted action is queued too; a "You said, we did" update once, when recorded.
      CREATE TABLE sharepoint_site (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        site_id TEXT NOT NULL CHECK (length(site_id) > 0)
      ) STRICT;

      CREATE TABLE sharepoint_lists (
        list TEXT NOT NULL PRIMARY KEY,
        list_id TEXT NOT NULL CHECK (length(list_id) > 0),
        delta_link TEXT
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sharepoint_pending (
        list TEXT NOT NULL CHECK (length(list) > 0),
        item_key TEXT NOT NULL CHECK (length(item_key) > 0),
        cycle_id TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        released INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        in_doubt INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0, 1)),
        not_before INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1)),
        reason TEXT,
        PRIMARY KEY (list, item_key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX sharepoint_pending_by_cycle ON sharepoint_pending (list, cycle_id, released);

      CREATE TABLE sharepoint_holds (
        list TEXT NOT NULL,
        cycle_id TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (list, cycle_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sharepoint_items (
        list TEXT NOT NULL,
        item_key TEXT NOT NULL,
        item_id TEXT NOT NULL,
        PRIMARY KEY (list, item_key)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX sharepoint_items_by_id ON sharepoint_items (list, item_id);

      CREATE TABLE sharepoint_sync_guard (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1)) STRICT;

      CREATE TRIGGER sharepoint_cycle_inserted AFTER INSERT ON cycles
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('cycles', NEW.id, NEW.id, 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_cycle_updated AFTER UPDATE ON cycles
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('cycles', NEW.id, NEW.id, 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_response_inserted AFTER INSERT ON responses
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id) VALUES ('responses', NEW.id, NEW.cycle_id)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_participation_inserted AFTER INSERT ON participation
      WHEN NEW.status = 'submitted' AND EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id) VALUES ('participation', NEW.cycle_id || ':' || NEW.key, NEW.cycle_id)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_audit_task_inserted AFTER INSERT ON audit_tasks
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('auditTasks', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_audit_task_updated AFTER UPDATE ON audit_tasks
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('auditTasks', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_audit_record_inserted AFTER INSERT ON audit_records
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('auditRecords', NEW.task_id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_audit_record_updated AFTER UPDATE ON audit_records
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('auditRecords', NEW.task_id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_audit_event_inserted AFTER INSERT ON audit_record_events
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('auditRecords', NEW.task_id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_supervision_inserted AFTER INSERT ON supervision_log
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('supervisionLog', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_supervision_updated AFTER UPDATE ON supervision_log
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('supervisionLog', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_participation_updated AFTER UPDATE OF status ON participation
      WHEN NEW.status = 'submitted' AND OLD.status <> 'submitted' AND EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id) VALUES ('participation', NEW.cycle_id || ':' || NEW.key, NEW.cycle_id)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_action_inserted AFTER INSERT ON actions
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('actions', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_action_updated AFTER UPDATE ON actions
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('actions', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_action_deleted AFTER DELETE ON actions
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('actions', OLD.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
      CREATE TRIGGER sharepoint_you_said_we_did_inserted AFTER INSERT ON you_said_we_did
      WHEN EXISTS (SELECT 1 FROM sharepoint_site) AND NOT EXISTS (SELECT 1 FROM sharepoint_sync_guard)
      BEGIN
        INSERT INTO sharepoint_pending (list, item_key, cycle_id, released) VALUES ('youSaidWeDid', NEW.id, '', 1)
        ON CONFLICT (list, item_key) DO UPDATE SET version = version + 1, failed = 0;
      END;
  `,
};
