import { resultsFamily } from '../../../src/domain/results/breakdown';
import type { CycleFacts } from '../../../src/domain/results/live';
import type { BreakdownBy, GroupResults, QuestionResult } from '../../../src/domain/results/types';
import type { Answers } from '../../../src/domain/survey/types';
import { linkedSurvey } from '../../fixtures/linkedSurvey';

/**
 * A group in which everyone gave the same answer tells each member's answer, however large the
 * group: "100% of the hospital team said their caseload is not fair" says it of every one of
 * them. Such a cell is not published, and nothing published lets it be worked out by taking
 * the other groups from a total.
 */
const facts: CycleFacts = { cycle: '2026-27', title: 'Health Check 2026-27', year: '2026', opensOn: '2026-10-01', threshold: 5, textThreshold: 10 };
const BYS: readonly BreakdownBy[] = ['role', 'team', 'service', 'length-of-service'];

function person(team: string, role: string, length: string, fair: 'yes' | 'no', helps: readonly string[], confidence: number): Answers {
  return { role, team, 'length-of-service': length, contract: 'permanent', fair, helps: [...helps], confidence };
}

/** 36 people in four teams of 9; everyone in the hospital team says no, and ticks coaching. */
function organisation(): Answers[] {
  const out: Answers[] = [];
  const teams = ['hospital', 'intake', 'older-people-review', 'short-term'];
  const roles = ['social-worker', 'social-care-professional', 'occupational-therapist'];
  const lengths = ['under-2', '2-5', '5-10', 'over-10'];
  teams.forEach((team, t) => {
    for (let i = 0; i < 9; i++) {
      const fair = team === 'hospital' ? 'no' : i % 3 === 0 ? 'no' : 'yes';
      const helps = team === 'hospital' ? ['coaching'] : i % 2 === 0 ? ['learning'] : ['coaching', 'shadowing'];
      out.push(person(team, roles[(i + t) % 3]!, lengths[(i + 2 * t) % 4]!, fair, helps, (i * 3 + t) % 11));
    }
  });
  return out;
}

const cellOf = (g: GroupResults, id: string): QuestionResult => g.questions.find((q) => q.id === id)!;

/** Every question's counts, for a group or the whole cycle; undefined where hidden. */
function counts(q: QuestionResult | undefined): Map<string, number> | undefined {
  if (!q || q.suppressed || q.n === null) return undefined;
  return new Map([['n', q.n], ...q.options.map((o) => [o.id, o.count ?? 0] as const)]);
}

/** A set of people, pinned down by the reader, whose answers are all alike: n > 0 and one option at n. */
function unanimous(c: ReadonlyMap<string, number>, kind: QuestionResult['kind']): boolean {
  const n = c.get('n') ?? 0;
  if (n <= 0) return false;
  const options = [...c].filter(([k]) => k !== 'n');
  return kind === 'multi' ? options.some(([, v]) => v === n || v === 0) && options.some(([, v]) => v === n) : options.some(([, v]) => v === n);
}

describe('the unanimous-group rule', () => {
  const family = resultsFamily(linkedSurvey, organisation(), facts, []);

  it('does not publish a cell where everyone in a shown group gave the same answer, and says why', () => {
    const hospital = family.breakdowns.team.groups.find((g) => g.id === 'hospital')!;
    expect(hospital.respondents).toBe(9);
    for (const id of ['fair', 'helps']) {
      const cell = cellOf(hospital, id);
      expect([id, cell.suppressed]).toEqual([id, expect.stringMatching(/everyone in this group gave the same answer/)]);
      expect(cell.options).toEqual([]);
    }
    // Questions they answered differently still show.
    expect(cellOf(hospital, 'confidence').suppressed).toBeUndefined();
  });

  it('leaves no group in any breakdown whose published answers are all alike', () => {
    const alike: string[] = [];
    for (const by of BYS) {
      for (const g of family.breakdowns[by].groups) {
        for (const q of g.questions) {
          const c = counts(q);
          if (c && q.kind !== 'text' && unanimous(c, q.kind)) alike.push(`${by}/${g.id}: ${q.id}`);
        }
      }
    }
    expect(alike).toEqual([]);
  });

  it('cannot be worked out by taking the shown groups from the whole cycle or from a service area', () => {
    const worked: string[] = [];
    for (const by of BYS) {
      const view = family.breakdowns[by];
      for (const q of family.whole.questions) {
        if (q.kind === 'text' || ['role', 'team', 'length-of-service', 'contract'].includes(q.id)) continue;
        const total = counts(q);
        if (!total) continue;
        const shown = view.groups.map((g) => counts(cellOf(g, q.id))).filter((c): c is Map<string, number> => c !== undefined);
        const rest = new Map([...total].map(([k, v]) => [k, v - shown.reduce((s, c) => s + (c.get(k) ?? 0), 0)]));
        if (unanimous(rest, q.kind)) worked.push(`whole − shown ${by} groups: ${q.id}`);
      }
    }
    // A service area (shown in the by-service view) minus its shown teams.
    const service = family.breakdowns.service.groups.find((g) => g.id === 'hospital-and-intake')!;
    for (const id of ['fair', 'helps', 'confidence']) {
      const area = counts(cellOf(service, id));
      if (!area) continue;
      const teams = ['hospital', 'intake']
        .map((t) =>
          counts(
            cellOf(
              family.breakdowns.team.groups.find((g) => g.id === t)!,
              id,
            ),
          ),
        )
        .filter((c): c is Map<string, number> => c !== undefined);
      const rest = new Map([...area].map(([k, v]) => [k, v - teams.reduce((s, c) => s + (c.get(k) ?? 0), 0)]));
      if (unanimous(rest, cellOf(service, id).kind)) worked.push(`hospital and intake − shown teams: ${id}`);
    }
    expect(worked).toEqual([]);
  });

  it('keeps the whole cycle (not a group) and groups that disagree', () => {
    expect(family.whole.questions.find((q) => q.id === 'fair')!.suppressed).toBeUndefined();
    const olderPeople = family.breakdowns.team.groups.find((g) => g.id === 'older-people-review')!;
    expect(cellOf(olderPeople, 'fair').suppressed).toBeUndefined();
  });
});
