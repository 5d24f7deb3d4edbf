/**
 * Runs the actions for one key (a person, an audit) one after another, in the order they
 * arrived, while actions for other keys go on at the same time. A double-clicked button sends
 * two activities at once; run side by side, both read the state before either wrote it, and
 * the second could report a clash or an outcome that contradicts the first. One after the
 * other, the second sees what the first did and shows the same outcome. This holds within
 * one server process; across a crash and Teams' retry, the flows read the stored state.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, action: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(action, action);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
