import type { Migration } from '.';

/**
 * Question numbers for stored responses (see `storedAnswers.ts`): each question id answered in a
 * response is given a small number once, and responses written from now on keep their answers
 * as numbers and values. Rows already written keep their answers as they are and are read as
 * they are. Nothing here says anything about a person: it is a list of question ids.
 */
export const questionNumbers: Migration = {
  id: 6,
  name: 'question numbers for stored responses',
  sql: `
      CREATE TABLE question_numbers (
        number INTEGER NOT NULL PRIMARY KEY,
        question TEXT NOT NULL UNIQUE CHECK (question <> '')
      ) STRICT;
  `,
};
