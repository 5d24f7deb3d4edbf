import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceFiles, specifiers } from './imports';

/**
 * One composition root (src/composition): the app is built there and nowhere else, so a port
 * left unwired is visible in one folder. The use cases never reach back into it, and the bot,
 * the server and the CLI are handed what they need rather than building it.
 */
const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');
const composition = path.join(src, 'composition');

const within = (file: string, dir: string) => file.startsWith(dir + path.sep);
const targets = (file: string) =>
  specifiers(fs.readFileSync(file, 'utf8'))
    .filter((s) => s.startsWith('.'))
    .map((s) => path.resolve(path.dirname(file), s));
const outsideRoot = sourceFiles(src).filter((f) => !within(f, composition));
const rel = (f: string) => path.relative(root, f);

describe('the composition root', () => {
  it('is the only part of src/ outside the bot that imports the bot', () => {
    const bot = path.join(src, 'bot');
    const offenders = outsideRoot.filter((f) => !within(f, bot) && targets(f).some((t) => t === bot || within(t, bot))).map(rel);
    expect(offenders).toEqual([]);
  });

  it('is imported by no use case, port, adapter or domain module', () => {
    const layers = ['app', 'domain', 'ports', 'adapters'].map((l) => path.join(src, l));
    const offenders = sourceFiles(src)
      .filter((f) => layers.some((l) => within(f, l)))
      .filter((f) => targets(f).some((t) => t === composition || within(t, composition)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('alone builds stores, services, flows, directories, Graph clients, sign-in, the bot adapter and the messenger', () => {
    // Where a factory is defined, and the adapters' own insides (sqlite*Store inside openSqlite,
    // openSqlite inside openSharePoint, a Graph client inside the Graph directory), are not wiring.
    const builds =
      /\bnew [A-Z]\w*(Service|Planner|Flow|Bot|Directory)\(|\b(createAdapter|createBotMessenger|openSqlite|openSharePoint|sqlite[A-Z]\w*Store|graphClientFor|createGraph\w+|\w+Authenticator)\(/;
    const own = [path.join(src, 'adapters'), path.join(src, 'server/auth/authenticate.ts'), path.join(src, 'bot/adapter.ts'), path.join(src, 'bot/proactive/botMessenger.ts')];
    const offenders = outsideRoot.filter((f) => !own.some((d) => f === d || within(f, d)) && builds.test(fs.readFileSync(f, 'utf8'))).map(rel);
    expect(offenders).toEqual([]);
  });
});
