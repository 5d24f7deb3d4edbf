import type { Migration } from '.';
import { capture } from './sharepointCapture';

const DATE_CHECK = (column: string, nullable = false): string =>
  `CHECK (${nullable ? `${column} IS NULL OR ` : ''}(length(${column}) = 10 AND ${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'))`;

/** A named record's change, queued for SharePoint under its table's own trigger names. */
const queued = (list: string, table: string, event: 'INSERT' | 'UPDATE', key: string): string =>
  capture(`sharepoint_${table}_${event === 'INSERT' ? 'inserted' : 'updated'}`, `AFTER ${event} ON ${table}`, list, `NEW.${key}`, "''");

/**
 * The rest of the quality assurance framework: focus groups (Appendix 5) with their
 * invitations, thematic practice reviews, and the national standards and health check
 * self-assessments. Nested parts (notes by question, stages, items with their evidence) are
 * JSON, checked by the domain, as the 39-steps measures are: they follow the framework's
 * documents, which change more often than a schema should. Named records, so like the audit
 * records each change is queued for SharePoint at once (ADR 0011); a focus group's item
 * carries its invitations, so a reply queues the focus group.
 */
export const framework: Migration = {
  id: 3,
  name: 'framework: focus groups, thematic reviews, self-assessments',
  sql: `
      CREATE TABLE focus_groups (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        purpose TEXT NOT NULL CHECK (purpose IN ('health-check', 'national-standards', 'thematic-review')),
        review_id TEXT CHECK ((purpose = 'thematic-review') = (review_id IS NOT NULL)),
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
        held_on TEXT NOT NULL ${DATE_CHECK('held_on')},
        starts_at TEXT NOT NULL CHECK (length(starts_at) = 5 AND starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
        place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
        facilitator_id TEXT NOT NULL CHECK (length(facilitator_id) > 0),
        invited_teams TEXT NOT NULL CHECK (json_valid(invited_teams)),
        invited_roles TEXT NOT NULL CHECK (json_valid(invited_roles)),
        status TEXT NOT NULL CHECK (status IN ('scheduled', 'invited', 'held', 'cancelled')),
        invitations_sent_on TEXT ${DATE_CHECK('invitations_sent_on', true)},
        attended INTEGER CHECK (attended IS NULL OR attended BETWEEN 0 AND 500),
        notes TEXT NOT NULL CHECK (json_valid(notes)),
        themes TEXT NOT NULL CHECK (json_valid(themes)),
        created_by TEXT NOT NULL CHECK (length(created_by) > 0),
        created_on TEXT NOT NULL ${DATE_CHECK('created_on')},
        updated_on TEXT NOT NULL ${DATE_CHECK('updated_on')},
        version INTEGER NOT NULL CHECK (version >= 1)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX focus_groups_by_year ON focus_groups (year, held_on, id);

      -- Who was invited and what they replied: named, for the facilitator to know who is coming.
      CREATE TABLE focus_group_invitations (
        focus_group_id TEXT NOT NULL REFERENCES focus_groups (id),
        person_id TEXT NOT NULL CHECK (length(person_id) > 0),
        reply TEXT CHECK (reply IN ('coming', 'not-coming')),
        replied_on TEXT ${DATE_CHECK('replied_on', true)},
        CHECK ((reply IS NULL) = (replied_on IS NULL)),
        PRIMARY KEY (focus_group_id, person_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE thematic_reviews (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        slot INTEGER NOT NULL CHECK (slot BETWEEN 1 AND 4),
        theme TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 120),
        lead_id TEXT NOT NULL CHECK (length(lead_id) > 0),
        plan TEXT NOT NULL CHECK (json_valid(plan)),
        findings TEXT NOT NULL CHECK (json_valid(findings)),
        recommendations TEXT NOT NULL CHECK (json_valid(recommendations)),
        created_by TEXT NOT NULL CHECK (length(created_by) > 0),
        created_on TEXT NOT NULL ${DATE_CHECK('created_on')},
        updated_on TEXT NOT NULL ${DATE_CHECK('updated_on')},
        version INTEGER NOT NULL CHECK (version >= 1),
        UNIQUE (year, slot)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE self_assessments (
        id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('national-standards', 'health-check')),
        year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
        status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'endorsed')),
        items TEXT NOT NULL CHECK (json_valid(items)),
        evidence_on TEXT NOT NULL ${DATE_CHECK('evidence_on')},
        submitted_on TEXT ${DATE_CHECK('submitted_on', true)},
        submitted_by TEXT,
        endorsed_on TEXT ${DATE_CHECK('endorsed_on', true)},
        endorsed_by TEXT,
        returned_note TEXT,
        created_by TEXT NOT NULL CHECK (length(created_by) > 0),
        created_on TEXT NOT NULL ${DATE_CHECK('created_on')},
        updated_on TEXT NOT NULL ${DATE_CHECK('updated_on')},
        version INTEGER NOT NULL CHECK (version >= 1),
        CHECK ((status = 'endorsed') = (endorsed_on IS NOT NULL AND endorsed_by IS NOT NULL)),
        UNIQUE (kind, year)
      ) STRICT, WITHOUT ROWID;
${queued('focusGroups', 'focus_groups', 'INSERT', 'id')}
${queued('focusGroups', 'focus_groups', 'UPDATE', 'id')}
${queued('focusGroups', 'focus_group_invitations', 'INSERT', 'focus_group_id')}
${queued('focusGroups', 'focus_group_invitations', 'UPDATE', 'focus_group_id')}
${queued('thematicReviews', 'thematic_reviews', 'INSERT', 'id')}
${queued('thematicReviews', 'thematic_reviews', 'UPDATE', 'id')}
${queued('selfAssessments', 'self_assessments', 'INSERT', 'id')}
${queued('selfAssessments', 'self_assessments', 'UPDATE', 'id')}
  `,
};
