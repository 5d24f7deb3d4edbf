import { resultsFamily } from '../../../src/domain/results/breakdown';
import type { CycleFacts } from '../../../src/domain/results/live';
import type { BreakdownBy } from '../../../src/domain/results/types';
import type { AnswerValue, Answers, Questionnaire } from '../../../src/domain/survey/types';
import { linkedSurvey } from '../../fixtures/linkedSurvey';
import { findLeaks, type Leak, type PublishedViews } from '../../support/differencingAttacker';

/**
 * A seeded adversary with everything a reader can put side by side: the whole-cycle results,
 * every breakdown (union of what any role may see: a subfamily of a safe family is safe),
 * each question's n and the About you answers wherever they are shown. Over 500 generated
 * organisations, some of them built to be awkward, at thresholds 3, 5 and 10, it looks for
 * any set of 1 to threshold − 1 people whose size or answers can be worked out.
 */

const BYS: readonly BreakdownBy[] = ['role', 'team', 'service', 'length-of-service'];
const ORGANISATIONS = 540;

function publish(questionnaire: Questionnaire, responses: readonly Answers[], facts: CycleFacts): PublishedViews {
  const family = resultsFamily(questionnaire, responses, facts, []);
  return { whole: family.whole, views: BYS.map((by) => family.breakdowns[by]) };
}

/** Seeded generator (LCG) so a failure can be replayed by its seed. */
function rng(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const TEAMS = ['hospital', 'intake', 'occupational-therapy', 'older-people-review', 'older-people-case-management', 'all-age-transitions', 'short-term'] as const;
const LENGTHS = ['under-2', '2-5', '5-10', 'over-10'] as const;
const CONTRACTS = ['permanent', 'permanent', 'permanent', 'fixed-term', 'agency-or-temporary'] as const;

type Person = { role?: string; team?: string; length?: string };

/** The rest of a response: some skip the optional questions, social workers see one more. */
function answersOf(r: () => number, person: Person, skip: number): Answers {
  const a: Record<string, AnswerValue> = {};
  if (person.role) a.role = person.role;
  if (person.team) a.team = person.team;
  if (person.length) a['length-of-service'] = person.length;
  if (r() > skip) a.contract = pick(r, CONTRACTS);
  a.fair = pick(r, ['yes', 'no']);
  if (person.role === 'social-worker' && r() > skip / 2) a.pcf = pick(r, ['yes', 'no']);
  if (r() > skip) a.helps = pick(r, [['coaching'], ['learning'], ['shadowing'], ['coaching', 'learning']]);
  if (r() > skip) a.confidence = Math.floor(r() * 11);
  if (r() < 0.3) a.comment = 'A comment';
  return a;
}

interface Organisation {
  readonly kind: string;
  readonly threshold: number;
  readonly responses: readonly Answers[];
}

/**
 * One organisation; `seed % 6` picks the kind and `seed / 6 % 3` the threshold. Sizes stay
 * small (at most about 70 people) so that the attacker's search over unions stays exhaustive.
 */
export function organisation(seed: number): Organisation {
  const r = rng(seed);
  const threshold = [3, 5, 10][Math.floor(seed / 6) % 3]!;
  const scale = threshold === 10 ? 1.2 : 1;
  const skip = r() * 0.3;
  const people: Person[] = [];
  const someone = (over: Partial<Person> = {}, skipAbout = 0.05): Person => ({
    ...(r() > skipAbout ? { role: pick(r, ['social-worker', 'social-worker', 'social-care-professional', 'occupational-therapist']) } : {}),
    ...(r() > skipAbout ? { team: pick(r, TEAMS) } : {}),
    ...(r() > skipAbout ? { length: pick(r, LENGTHS) } : {}),
    ...over,
  });
  const add = (n: number, make: () => Person) => {
    for (let i = 0; i < n; i++) people.push(make());
  };
  const kinds = ['random', 'a team all one role', 'a role almost wholly in one team', 'groups that differ by one', 'people who skip the About you questions', 'three views together'] as const;
  const kind = kinds[seed % kinds.length]!;
  const lengthOf = () => pick(r, LENGTHS);
  switch (kind) {
    case 'random':
      add(threshold + Math.floor(r() * 40 * scale), () => someone());
      break;
    case 'a team all one role':
      // The occupational therapy team is all OTs; a few more OTs work elsewhere.
      add(threshold + Math.floor(r() * 4 * scale), () => ({ role: 'occupational-therapist', team: 'occupational-therapy', length: lengthOf() }));
      add(1 + Math.floor(r() * 3), () => ({
        role: 'occupational-therapist',
        team: pick(
          r,
          TEAMS.filter((t) => t !== 'occupational-therapy'),
        ),
        length: lengthOf(),
      }));
      add(10 + Math.floor(r() * 30 * scale), () =>
        someone({
          role: pick(r, ['social-worker', 'social-care-professional']),
          team: pick(
            r,
            TEAMS.filter((t) => t !== 'occupational-therapy'),
          ),
        }),
      );
      break;
    case 'a role almost wholly in one team':
      // Social care professionals all in intake but one.
      add(threshold + Math.floor(r() * 6 * scale), () => ({ role: 'social-care-professional', team: 'intake', length: lengthOf() }));
      add(1, () => ({ role: 'social-care-professional', team: pick(r, ['hospital', 'short-term', 'older-people-review']), length: lengthOf() }));
      add(10 + Math.floor(r() * 30 * scale), () => someone({ role: pick(r, ['social-worker', 'occupational-therapist']) }));
      break;
    case 'groups that differ by one': {
      // A team, and a length of service that holds all of that team and one more.
      const team = pick(r, TEAMS);
      const length = pick(r, LENGTHS);
      const n = threshold + Math.floor(r() * 5 * scale);
      add(n, () => someone({ team, length }));
      add(1, () =>
        someone({
          team: pick(
            r,
            TEAMS.filter((t) => t !== team),
          ),
          length,
        }),
      );
      add(10 + Math.floor(r() * 30 * scale), () =>
        someone({
          length: pick(
            r,
            LENGTHS.filter((l) => l !== length),
          ),
        }),
      );
      break;
    }
    case 'people who skip the About you questions':
      add(threshold + Math.floor(r() * 40 * scale), () => someone({}, 0.25));
      break;
    case 'three views together': {
      // OT role = OT team + OTs of under 2 years outside it + one more OT.
      const team = 2 * threshold + Math.floor(r() * 3);
      add(team, () => ({ role: 'occupational-therapist', team: 'occupational-therapy', length: pick(r, ['2-5', '5-10', 'over-10']) }));
      add(threshold + Math.floor(r() * 3), () => ({ role: 'occupational-therapist', team: pick(r, ['hospital', 'intake']), length: 'under-2' }));
      add(1, () => ({ role: 'occupational-therapist', team: pick(r, ['hospital', 'intake']), length: pick(r, ['5-10', 'over-10']) }));
      add(3 * threshold + Math.floor(r() * 20 * scale), () =>
        someone({
          role: pick(r, ['social-worker', 'social-care-professional']),
          team: pick(
            r,
            TEAMS.filter((t) => t !== 'occupational-therapy'),
          ),
          length: pick(r, ['2-5', '5-10', 'over-10']),
        }),
      );
      break;
    }
  }
  // The order people answered in says nothing; shuffle so no kind is laid out in blocks.
  for (let i = people.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [people[i], people[j]] = [people[j]!, people[i]!];
  }
  return { kind, threshold, responses: people.map((p) => answersOf(r, p, skip)) };
}

function factsFor(threshold: number): CycleFacts {
  return { cycle: 'adversary', title: 'Adversary', year: '2026', opensOn: '2026-01-01', threshold, textThreshold: Math.max(10, threshold) };
}

describe('an adversary who combines every view', () => {
  it(`finds no set of 1 to threshold − 1 people whose size or answers can be worked out (${ORGANISATIONS} seeded organisations, thresholds 3, 5 and 10)`, () => {
    const found: string[] = [];
    const byKind = new Map<string, number>();
    let answersGiven = 0;
    let sizesGiven = 0;
    const shownByKind = new Map<string, number>();
    for (let seed = 1; seed <= ORGANISATIONS; seed++) {
      const org = organisation(seed);
      const published = publish(linkedSurvey, org.responses, factsFor(org.threshold));
      const shown = published.views.reduce((n, v) => n + v.groups.filter((g) => g.respondents !== null && g.respondents > 0).length, 0);
      shownByKind.set(org.kind, (shownByKind.get(org.kind) ?? 0) + shown);
      const leaks: Leak[] = findLeaks(linkedSurvey, org.responses, published);
      if (leaks.length === 0) continue;
      byKind.set(org.kind, (byKind.get(org.kind) ?? 0) + 1);
      if (leaks.some((l) => l.what === 'sizes')) sizesGiven++;
      const answers = leaks.find((l) => l.what !== 'sizes');
      if (answers) answersGiven++;
      const example = answers ?? leaks[0]!;
      const what = example.what === 'sizes' ? 'the size' : `the answers to "${example.what}"`;
      found.push(`seed ${seed} (${org.kind}, threshold ${org.threshold}, ${org.responses.length} people): ${what} of ${example.weight} in ${example.atoms.join(' + ')}`);
    }
    const summary = {
      organisationsWithLeaks: found.length,
      answersWorkedOut: answersGiven,
      smallGroupSizesWorkedOut: sizesGiven,
      byKind: Object.fromEntries(byKind),
      examples: found.slice(0, 8),
    };
    expect(summary).toEqual({ organisationsWithLeaks: 0, answersWorkedOut: 0, smallGroupSizesWorkedOut: 0, byKind: {}, examples: [] });
    // And not by hiding everything: every kind of organisation still shows hundreds of groups.
    for (const [kind, shown] of shownByKind) expect([kind, shown > 300]).toEqual([kind, true]);
  }, 300_000);
});
