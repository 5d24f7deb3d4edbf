import { resultsFamily } from '../../../src/domain/results/breakdown';
import type { CycleFacts } from '../../../src/domain/results/live';
import type { BreakdownBy, BreakdownResults, GroupResults } from '../../../src/domain/results/types';
import { healthCheck } from '../../../src/domain/survey/healthCheck';
import type { Answers, Questionnaire } from '../../../src/domain/survey/types';
import { syntheticResponses } from '../../bench/syntheticResponses';
import { otTeamAndOneMore, peopleWith, threeViews } from '../../fixtures/occupationalTherapists';
import { derivableSmallSet, findLeaks, type PublishedViews } from '../../support/differencingAttacker';
import { findDerivableSmallSet, hideUntilSafe, searchBudget, type LinkedGroup } from '../../../src/domain/results/linkedAudit';

const BYS: readonly BreakdownBy[] = ['role', 'team', 'service', 'length-of-service'];
const facts: CycleFacts = { cycle: '2026-27', title: 'Health Check 2026-27', year: '2026', opensOn: '2026-10-01', threshold: 5, textThreshold: 10 };
const ABOUT_YOU = new Set(['role', 'team', 'length-of-service', 'contract']);

function publish(questionnaire: Questionnaire, responses: readonly Answers[]): PublishedViews {
  const family = resultsFamily(questionnaire, responses, facts, []);
  return { whole: family.whole, views: BYS.map((by) => family.breakdowns[by]) };
}

const view = (p: PublishedViews, by: BreakdownBy): BreakdownResults => p.views.find((v) => v.by === by)!;
const group = (p: PublishedViews, by: BreakdownBy, id: string): GroupResults => view(p, by).groups.find((g) => g.id === id)!;

/**
 * What the PSW did: for every question, the counts of one group minus the counts of the
 * groups inside it. Returns the questions where the difference is shown for 1 to 4 people and
 * what it says, so a failure shows what was given away.
 */
function subtract(p: PublishedViews, from: GroupResults, minus: readonly GroupResults[]): string[] {
  const worked: string[] = [];
  if (from.respondents === null || minus.some((g) => g.respondents === null)) return worked;
  p.whole.questions.forEach((q, qi) => {
    if (ABOUT_YOU.has(q.id)) return;
    const cells = [from, ...minus].map((g) => g.questions[qi]);
    if (cells.some((c) => !c || c.suppressed || c.n === null)) return;
    const [whole, ...parts] = cells as NonNullable<(typeof cells)[number]>[];
    if (!whole) return;
    const n = whole.n! - parts.reduce((s, c) => s + c.n!, 0);
    if (n < 1 || n >= facts.threshold) return;
    const options = whole.options.map((o, oi) => `${o.id}: ${(o.count ?? 0) - parts.reduce((s, c) => s + (c.options[oi]?.count ?? 0), 0)}`).filter((x) => !x.endsWith(': 0'));
    worked.push(`${q.id} (${n}): ${options.join(', ')}`);
  });
  return worked;
}

describe('the occupational therapists: a closed cycle of 68 where the OT team is all OTs and one more OT works in the hospital team', () => {
  const responses = peopleWith(otTeamAndOneMore(), 11);
  const published = publish(healthCheck, responses);

  it('does not give away the OT in the hospital team by taking the OT team from the OT role group', () => {
    const roleOt = group(published, 'role', 'occupational-therapist');
    expect(subtract(published, roleOt, [group(published, 'team', 'occupational-therapy')])).toEqual([]);
    expect(subtract(published, roleOt, [group(published, 'service', 'occupational-therapy')])).toEqual([]);
  });

  it('does not show inside a group which teams, roles or lengths of service its members gave', () => {
    const shownAboutYou = published.views.flatMap((v) =>
      v.groups.flatMap((g) =>
        g.questions.filter((q) => ABOUT_YOU.has(q.id) && !q.suppressed && q.options.some((o) => (o.count ?? 0) > 0 && (o.count ?? 0) < facts.threshold)).map((q) => `${v.by}/${g.id}: ${q.id}`),
      ),
    );
    expect(shownAboutYou).toEqual([]);
  });

  it('leaves the adversary nothing to find', () => {
    expect(findLeaks(healthCheck, responses, published)).toEqual([]);
  });
});

describe('three views together: every pair looks safe, all three give one person away', () => {
  const about = threeViews();
  const responses = peopleWith(about, 12);
  const published = publish(healthCheck, responses);

  it('pairwise: every intersection and difference of two of the three groups is 0 or at least 5', () => {
    const ot = about.filter((p) => p.role === 'occupational-therapist');
    const team = about.filter((p) => p.team === 'occupational-therapy');
    const under2 = about.filter((p) => p.length === 'under-2');
    const sizes = (a: readonly object[], b: readonly object[]) => [a.filter((x) => b.includes(x)).length, a.filter((x) => !b.includes(x)).length, b.filter((x) => !a.includes(x)).length];
    for (const n of [...sizes(ot, team), ...sizes(ot, under2), ...sizes(team, under2)]) expect(n === 0 || n >= 5).toBe(true);
  });

  it('does not give away the twelfth OT: OT role − OT team − under 2 years', () => {
    const worked = subtract(published, group(published, 'role', 'occupational-therapist'), [group(published, 'team', 'occupational-therapy'), group(published, 'length-of-service', 'under-2')]);
    expect(worked).toEqual([]);
    expect(findLeaks(healthCheck, responses, published)).toEqual([]);
  });
});

describe('the attacker itself (so that its silence means something)', () => {
  it('finds the one OT from the OT role group, the OT team and under 2 years', () => {
    // Atoms: 0 OT team (6), 1 OTs under 2 years (5), 2 the twelfth OT (1), 3 everyone else (56).
    const weights = [6, 5, 1, 56];
    const rows = [[0, 1, 2, 3], [0, 1, 2], [0], [1]];
    expect(derivableSmallSet(weights, rows, 5)).toEqual([2]);
    // Without the under-2 group, the OTs outside the team are 6 together: nothing to find.
    expect(derivableSmallSet(weights, rows.slice(0, 3), 5)).toBeUndefined();
  });

  it('finds a small group that is the difference of two large ones, and nothing where there is none', () => {
    // Atoms of 1, 3, 3 and 9 people; shown: everyone (16), atoms 0–2 (7) and atoms 1–2 (6).
    const weights = [1, 3, 3, 9];
    expect(
      derivableSmallSet(
        weights,
        [
          [0, 1, 2, 3],
          [0, 1, 2],
          [1, 2],
        ],
        5,
      ),
    ).toEqual([0]);
    // Atoms 1 and 2 (6 together) can be told apart from the rest, but not from each other.
    expect(
      derivableSmallSet(
        weights,
        [
          [0, 1, 2, 3],
          [0, 3],
          [1, 2],
        ],
        5,
      ),
    ).toBeUndefined();
  });
});

describe('the linked audit', () => {
  // The three-views example as atoms: 0 OT team (6), 1 OTs under 2 years (5), 2 the twelfth
  // OT (1), 3 everyone else (56). Groups: everyone, OT role, OT team, under 2 years.
  const weights = [6, 5, 1, 56];
  const groups: LinkedGroup[] = [
    { key: '*', atoms: [0, 1, 2, 3], size: 68, keep: true },
    { key: 'role:occupational-therapist', atoms: [0, 1, 2], size: 12 },
    { key: 'team:occupational-therapy', atoms: [0], size: 6 },
    { key: 'length-of-service:under-2', atoms: [1], size: 5 },
  ];

  it('finds the one person, and which groups the working-out uses', () => {
    const finding = findDerivableSmallSet(
      weights,
      groups.map((g) => g.atoms),
      5,
    );
    // Every working-out needs all three groups: none of them is the sum of others.
    expect(finding).toEqual({ kind: 'derivable', atoms: [2], weight: 1, rows: [1, 2, 3], decisive: [1, 2, 3] });
  });

  it('finds nothing when every atom is large, without searching', () => {
    expect(findDerivableSmallSet([6, 5, 7], [[0, 1, 2], [0], [1]], 5)).toEqual({ kind: 'safe' });
  });

  it('finds nothing where small atoms cannot be told apart from large ones', () => {
    // Only everyone and the OT role: the OTs outside the team are 6 together with the team.
    expect(findDerivableSmallSet(weights, [groups[0]!.atoms, groups[1]!.atoms], 5)).toEqual({ kind: 'safe' });
  });

  it('treats a search past its budget as unsafe', () => {
    expect(
      findDerivableSmallSet(
        weights,
        groups.map((g) => g.atoms),
        5,
        searchBudget(0),
      ),
    ).toMatchObject({ kind: 'too-complex' });
    // A budget spent in all counts the same as one spent on this search.
    expect(
      findDerivableSmallSet(
        weights,
        groups.map((g) => g.atoms),
        5,
        searchBudget(1000, 0),
      ),
    ).toMatchObject({ kind: 'too-complex' });
  });

  it('hides the smallest group whose hiding stops the working-out, and never the whole cycle', () => {
    expect(hideUntilSafe(weights, groups, 5)).toEqual(['length-of-service:under-2']);
    expect(
      hideUntilSafe(
        weights,
        groups.filter((g) => g.key !== 'length-of-service:under-2'),
        5,
      ),
    ).toEqual([]);
  });

  it('keeps hiding while the same set can still be worked out another way', () => {
    // The service area is the OT team under another name: hiding one leaves the other.
    const twin: LinkedGroup = { key: 'service:occupational-therapy', atoms: [0], size: 6 };
    const hidden = hideUntilSafe(weights, [...groups.filter((g) => g.key !== 'length-of-service:under-2'), twin, { key: 'length-of-service:under-2', atoms: [1], size: 5 }], 5);
    expect(
      findDerivableSmallSet(
        weights,
        [...groups, twin].filter((g) => !hidden.includes(g.key)).map((g) => g.atoms),
        5,
      ),
    ).toEqual({ kind: 'safe' });
  });
});

describe('what each view shows', () => {
  const about = threeViews();
  const responses = peopleWith(about, 12);
  const family = resultsFamily(healthCheck, responses, facts, []);

  it('says in words why a group is hidden by comparing views, and keeps the rest', () => {
    const under2 = family.breakdowns['length-of-service'].groups.find((g) => g.id === 'under-2')!;
    expect(under2).toMatchObject({ respondents: null, questions: [] });
    expect(under2.suppressed).toMatch(/^Hidden so that a smaller group cannot be worked out by comparing views/);
    expect(family.breakdowns.role.groups.find((g) => g.id === 'occupational-therapist')?.respondents).toBe(12);
    expect(family.breakdowns.team.groups.find((g) => g.id === 'occupational-therapy')?.respondents).toBe(6);
  });

  it('shows About you questions for the whole cycle only, each answer only where its group is shown', () => {
    const length = family.whole.questions.find((q) => q.id === 'length-of-service')!;
    const groups = family.breakdowns['length-of-service'].groups;
    // Each length of service counted only where its group is shown, the others saying why.
    expect(length.options.map((o) => o.id)).toEqual(groups.filter((g) => g.respondents !== null).map((g) => g.id));
    expect(length.hiddenOptions?.map((o) => o.id)).toEqual(groups.filter((g) => g.respondents === null).map((g) => g.id));
    expect(length.hiddenOptions?.find((o) => o.id === 'under-2')?.suppressed).toBe('Hidden so that a smaller group cannot be worked out by comparing views.');
    expect(length.n).toBe(68);
    for (const g of family.breakdowns.team.groups.filter((x) => x.respondents !== null)) {
      for (const id of ABOUT_YOU) expect(g.questions.find((q) => q.id === id)).toMatchObject({ n: null, aboutYou: true, suppressed: expect.stringMatching(/^Not shown inside groups/) });
    }
  });

  it('hides a small contract answer in the whole-cycle figures, and whatever would give it away', () => {
    const withAgency = responses.map((r, i) => ({ ...r, contract: i < 3 ? 'agency-or-temporary' : i < 10 ? 'fixed-term' : 'permanent' }));
    const contract = resultsFamily(healthCheck, withAgency, facts, []).whole.questions.find((q) => q.id === 'contract')!;
    // 3 agency: too few; 7 fixed-term would leave them by subtraction from the 68.
    expect(contract.options.map((o) => [o.id, o.count])).toEqual([['permanent', 58]]);
    expect(contract.hiddenOptions?.map((o) => o.id)).toEqual(['fixed-term', 'agency-or-temporary']);
  });

  it('leaves every view alone where nothing small can be worked out (150 responses)', () => {
    const plain = resultsFamily(healthCheck, syntheticResponses(healthCheck, 150, 7), facts, []);
    expect(plain.decision?.groups.size).toBe(0);
    expect(plain.whole.questions.some((q) => q.hiddenOptions)).toBe(false);
  });
});
