import * as path from 'node:path';

/**
 * Which code this process runs: `compiled` JavaScript from dist/server (`npm run start:prod`,
 * the container) or the TypeScript sources through `tsx` (`npm start`, `npx phc`, the tests
 * and benchmarks). Benchmarks print it beside their figures, since tsx compiles each module
 * as it loads and so slows the start and the first requests.
 */
export type RuntimeMode = 'compiled' | 'tsx';

export function runtimeMode(file: string = __filename): RuntimeMode {
  return file.endsWith('.js') ? 'compiled' : 'tsx';
}

/** In words, for the server's start-up lines and the benchmarks' reports. */
export function describeRuntime(mode: RuntimeMode = runtimeMode()): string {
  return mode === 'compiled' ? 'compiled JavaScript (dist/server)' : 'TypeScript through tsx';
}

/**
 * The repository's root, where dist/tab is, from either layout: this file is src/runtimeMode.ts
 * in the sources and dist/server/src/runtimeMode.js in the build.
 */
export function projectRoot(mode: RuntimeMode = runtimeMode()): string {
  return path.resolve(__dirname, mode === 'compiled' ? '../../..' : '..');
}
