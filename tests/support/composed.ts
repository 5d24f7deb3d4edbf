import { compose, type ComposeOptions, type Composition } from '../../src/composition';
import { readConfig } from '../../src/config';

/**
 * The app as the server and `phc` build it (src/composition), for tests: over a data folder
 * (to seed or read it beside a running server), or in memory. `env` is the configuration,
 * as the server would read it from its environment.
 */
export function composeAt(dataDir: string, env: NodeJS.ProcessEnv = {}, options: ComposeOptions = {}): Promise<Composition> {
  return compose(readConfig({ ...env, PHC_DATA_DIR: dataDir }), options);
}

/** A private in-memory database; the data folder is never created. */
export function composeInMemory(options: ComposeOptions = {}, env: NodeJS.ProcessEnv = {}): Promise<Composition> {
  return compose(readConfig(env), { ...options, inMemory: true });
}
