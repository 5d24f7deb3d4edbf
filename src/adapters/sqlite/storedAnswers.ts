import { randomInt } from 'node:crypto';
import type { AnswerValue, Answers } from '../../domain/survey/types';
import { StoreError } from '../../ports/stores';
import { checkAnswers, decodeAnswers, isAnswerValue } from './codec';
import type { Db } from './database';

/**
 * How a response's answers are kept in the `responses` table: a JSON array of question numbers
 * and answers, `[2731, "agree", 508, ["laptop", "ms-teams"], 3390, 6]`, where each number stands for a
 * question id in `question_numbers`. Question ids were three fifths of every row, and reading a
 * closed cycle back (100,000 rows) spent most of its time on them: `JSON.parse` of an object
 * builds a hidden class for every different set of answered questions, and people skip
 * different optional questions. A number-and-value array parses without any, and the answers
 * are filed into an object without a prototype (a plain hash table, which needs none either).
 *
 * Rows written before this, with the answers as a JSON object, are read as they are. SharePoint
 * is sent, and recovered from, the answers as an object keyed by question id: the numbers never
 * leave this file.
 */
export class QuestionNumbers {
  private readonly byQuestion = new Map<string, number>();
  private readonly byNumber = new Map<number, string>();
  /** For each number, the last row it was seen in (so a row naming a question twice is refused). */
  private seenIn = new Uint32Array(64);
  private row = 0;
  /** Questions this connection numbered inside a transaction, not yet seen outside one. */
  private readonly unsettled = new Set<string>();
  private readonly everything;
  private readonly add;
  private readonly numberOf;
  private readonly questionOf;
  private readonly count;

  constructor(private readonly db: Db) {
    this.everything = db.prepare('SELECT number, question FROM question_numbers');
    this.add = db.prepare('INSERT INTO question_numbers (number, question) VALUES (?, ?) ON CONFLICT DO NOTHING');
    this.numberOf = db.prepare('SELECT number FROM question_numbers WHERE question = ?').pluck();
    this.questionOf = db.prepare('SELECT question FROM question_numbers WHERE number = ?').pluck();
    this.count = db.prepare('SELECT count(*) FROM question_numbers').pluck();
  }

  /**
   * The number standing for `question`, given it now if it has none. A new number is drawn at
   * random from four times as many as are given (at least 4,096), never counted up: numbers
   * counted up would keep the order in which questions were first answered, and so which
   * optional questions and follow-ups the first people to answer had.
   */
  number(question: string): number {
    const known = this.byQuestion.get(question);
    if (known !== undefined) return known;
    const found = this.numberOf.get(question) as number | undefined;
    if (found !== undefined) {
      this.rememberIfSettled(found, question);
      return found;
    }
    let number: number | undefined;
    while (number === undefined) {
      const span = Math.max(4096, 4 * (this.count.get() as number));
      // A number another question has adds nothing and another is drawn; a number another
      // connection gave this question meanwhile is found by the lookup.
      this.add.run(randomInt(1, span + 1), question);
      number = this.numberOf.get(question) as number | undefined;
    }
    if (this.db.inTransaction) this.unsettled.add(question);
    else this.remember(number, question);
    return number;
  }

  /** The question `number` stands for (given by this connection or any other). */
  question(number: number): string | undefined {
    const known = this.byNumber.get(number);
    if (known !== undefined) return known;
    if (!Number.isInteger(number) || number < 1 || number > 0x7fffffff) return undefined;
    for (const row of this.everything.all() as { number: number; question: string }[]) this.rememberIfSettled(row.number, row.question);
    if (!this.db.inTransaction) this.unsettled.clear();
    return this.byNumber.get(number) ?? (this.questionOf.get(number) as string | undefined);
  }

  /**
   * Remembers a number read from the table unless this connection gave it inside a transaction
   * that may not have committed: a number given in a transaction that is rolled back may be
   * given to another question by another connection. Everything else the table shows was
   * committed (by this connection or another).
   */
  private rememberIfSettled(number: number, question: string): void {
    if (!this.db.inTransaction) this.unsettled.delete(question);
    else if (this.unsettled.has(question)) return;
    this.remember(number, question);
  }

  /** Which row `firstInRow` is checking: a new mark for each row read. */
  nextRow(): number {
    if (this.row === 0xffffffff) {
      this.seenIn.fill(0);
      this.row = 0;
    }
    return ++this.row;
  }

  /** Whether `number` (a question's number) comes up for the first time in `row`. */
  firstInRow(number: number, row: number): boolean {
    if (number >= this.seenIn.length) this.widen(number);
    if (this.seenIn[number] === row) return false;
    this.seenIn[number] = row;
    return true;
  }

  private widen(number: number): void {
    const wider = new Uint32Array(Math.max(number + 1, this.seenIn.length * 2));
    wider.set(this.seenIn);
    this.seenIn = wider;
  }

  private remember(number: number, question: string): void {
    this.byQuestion.set(question, number);
    this.byNumber.set(number, question);
  }
}

const perConnection = new WeakMap<Db, QuestionNumbers>();

/** One set of question numbers per connection, shared by the stores that use it. */
export function questionNumbers(db: Db): QuestionNumbers {
  let numbers = perConnection.get(db);
  if (!numbers) {
    numbers = new QuestionNumbers(db);
    perConnection.set(db, numbers);
  }
  return numbers;
}

/** Answers as stored in `responses` (checked as `encodeAnswers` checks them). */
export function packAnswers(answers: unknown, numbers: QuestionNumbers): string {
  const packed: (number | AnswerValue)[] = [];
  for (const [question, value] of Object.entries(checkAnswers(answers))) {
    if (question === '') throw new StoreError('invalid', 'Every answer must say which question it answers.');
    packed.push(numbers.number(question), value);
  }
  return JSON.stringify(packed);
}

/** `where` is worked out only for a damaged row: a closed cycle's 100,000 rows are read in one go. */
function unreadable(where: string | (() => string)): StoreError {
  return new StoreError('invalid', `The stored answers of ${typeof where === 'string' ? where : where()} cannot be read.`);
}

/**
 * Stored answers read back; a damaged row is reported (by `where`, never by content), not
 * skipped. Packed rows come back as objects without a prototype.
 */
export function unpackAnswers(stored: string, where: string | (() => string), numbers: QuestionNumbers): Answers {
  if (stored.charCodeAt(0) !== 0x5b /* [ */) return decodeAnswers(stored, typeof where === 'string' ? where : where());
  let packed: unknown;
  try {
    packed = JSON.parse(stored);
  } catch {
    throw unreadable(where);
  }
  if (!Array.isArray(packed) || packed.length % 2 !== 0) throw unreadable(where);
  const answers = Object.create(null) as Record<string, AnswerValue>;
  const row = numbers.nextRow();
  for (let i = 0; i < packed.length; i += 2) {
    const number: unknown = packed[i];
    const value: unknown = packed[i + 1];
    const question = typeof number === 'number' ? numbers.question(number) : undefined;
    if (question === undefined || !isAnswerValue(value) || !numbers.firstInRow(number as number, row)) throw unreadable(where);
    answers[question] = value;
  }
  return answers;
}

/** Stored answers as SharePoint keeps them: a JSON object keyed by question id. */
export function answersAsObjectJson(stored: string, where: string, numbers: QuestionNumbers): string {
  return stored.charCodeAt(0) === 0x5b ? JSON.stringify(unpackAnswers(stored, where, numbers)) : stored;
}
