/**
 * Small-group suppression within one breakdown: the first pass of the audit (ADR 0015).
 *
 * Hiding every group below the threshold is not enough: if the total is shown and all
 * groups but one are shown, the hidden one is the total minus the others. So for every
 * total a reader can see (the whole cycle, those who gave any group, and for teams each
 * service area, which the reader can ask for separately) the hidden remainder must be either
 * empty or itself at least the threshold. Where it is not, the smallest shown group is hidden
 * too, and so on. Comparing different breakdowns is the linked audit's (linkedAudit.ts).
 */

export interface GroupSize {
  readonly id: string;
  readonly size: number;
  /** The visible total this group is part of besides the grand total (e.g. its service area). */
  readonly parent?: string;
}

export type SuppressionReason =
  | 'small-group'
  | 'would-reveal-small-group'
  | 'would-reveal-by-comparing'
  /** Everyone in the group gave the same answer, which would tell each member's answer (unanimous.ts). */
  | 'everyone-answered-alike'
  /** Shown, it would let a set of people who all answered alike be worked out by subtraction. */
  | 'would-reveal-alike';

export interface SuppressionInput {
  readonly total: number;
  readonly groups: readonly GroupSize[];
  /** Sizes of the parent totals a reader can see elsewhere (service areas). */
  readonly parents?: ReadonlyMap<string, number>;
  /**
   * Those who gave any group, where a reader can see it (the whole-cycle count of the About
   * you answer): the hidden groups alone, without those who did not say, must then be 0 or
   * at least the threshold as well.
   */
  readonly answered?: number;
  readonly threshold: number;
}

/** Ids of the groups to hide, with why. Groups of size 0 are shown as "no responses". */
export function suppress(input: SuppressionInput): ReadonlyMap<string, SuppressionReason> {
  const { threshold } = input;
  const hidden = new Map<string, SuppressionReason>();
  for (const g of input.groups) {
    if (g.size > 0 && g.size < threshold) hidden.set(g.id, 'small-group');
  }
  // Service areas before the grand total: hiding within an area usually settles the grand
  // total as well, and checking the grand total first can hide a group needlessly.
  const totals: { readonly size: number; readonly members: readonly GroupSize[] }[] = [];
  for (const [parent, size] of input.parents ?? []) {
    totals.push({ size, members: input.groups.filter((g) => g.parent === parent) });
  }
  if (input.answered !== undefined) totals.push({ size: input.answered, members: input.groups });
  totals.push({ size: input.total, members: input.groups });
  // Hiding a group for one total can open a gap in another, so repeat until nothing changes.
  let changed = true;
  while (changed) {
    changed = false;
    for (const total of totals) {
      const shown = total.members.filter((g) => !hidden.has(g.id) && g.size > 0);
      const remainder = total.size - shown.reduce((sum, g) => sum + g.size, 0);
      if (remainder > 0 && remainder < threshold && shown.length > 0) {
        const smallest = shown.reduce((a, b) => (b.size < a.size ? b : a));
        hidden.set(smallest.id, 'would-reveal-small-group');
        changed = true;
      }
    }
  }
  return hidden;
}

/** The reason in words a manager understands, for a hidden group or cell. */
export function explain(reason: SuppressionReason, threshold: number): string {
  switch (reason) {
    case 'small-group':
      return `Hidden: fewer than ${threshold} people answered in this group, so showing it could identify them.`;
    case 'would-reveal-small-group':
      return `Hidden: showing this group would let someone work out the answers of a group smaller than ${threshold} by subtraction.`;
    case 'would-reveal-by-comparing':
      return `Hidden so that a smaller group cannot be worked out by comparing views: set beside the other breakdowns, this would give away the answers of fewer than ${threshold} people.`;
    case 'everyone-answered-alike':
      return "Hidden: everyone in this group gave the same answer, so showing it would tell each person's answer.";
    case 'would-reveal-alike':
      return 'Hidden: showing this would let someone work out, by subtraction, the answer of a group who all answered alike.';
  }
}

/** The reason for an About you answer hidden in the whole-cycle figures. */
export function explainOption(reason: SuppressionReason, threshold: number): string {
  switch (reason) {
    case 'small-group':
      return `Hidden: fewer than ${threshold} people gave this answer, so showing it could identify them.`;
    case 'would-reveal-small-group':
      return `Hidden: showing it would let someone work out a group smaller than ${threshold} by subtraction.`;
    case 'would-reveal-by-comparing':
      return `Hidden so that a smaller group cannot be worked out by comparing views.`;
    case 'everyone-answered-alike':
    case 'would-reveal-alike':
      return 'Hidden: it would tell the answers of people who all answered alike.';
  }
}
