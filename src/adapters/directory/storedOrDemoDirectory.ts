import type { Organisation, Person } from '../../domain/organisation/types';
import { dateOf } from '../../domain/shared/brand';
import type { Clock } from '../../ports/clock';
import type { Directory } from '../../ports/directory';
import type { OrganisationStore } from '../../ports/organisation';
import { DemoDirectory } from './demoDirectory';

const EMPTY: Organisation = { teams: [], people: [] };

/**
 * The imported organisation when one has been imported (`phc org import`), else the demo
 * organisation when demo mode is on, else nobody. People who have left (a leaving date on or
 * before today) are not in the directory; the store keeps them so completed audits still
 * name them (see `OrganisationStore.load`).
 */
export class StoredOrDemoDirectory implements Directory {
  private demo: DemoDirectory | undefined;

  constructor(
    private readonly store: OrganisationStore | undefined,
    private readonly demoOn: boolean,
    private readonly clock: Clock,
  ) {}

  async organisation(): Promise<Organisation> {
    const stored = await this.store?.load();
    if (stored) {
      const today = dateOf(this.clock.now());
      return { teams: stored.organisation.teams, people: stored.organisation.people.filter((p) => p.leftOn === undefined || p.leftOn > today) };
    }
    if (this.demoOn) {
      this.demo ??= new DemoDirectory();
      return this.demo.organisation();
    }
    return EMPTY;
  }

  /** People in the stored organisation whose leaving day has come; none for the demo. */
  async leavers(): Promise<readonly Person[]> {
    const stored = await this.store?.load();
    if (!stored) return [];
    const today = dateOf(this.clock.now());
    return stored.organisation.people.filter((p) => p.leftOn !== undefined && p.leftOn <= today);
  }
}
