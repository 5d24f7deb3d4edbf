import { DemoDirectory } from '../adapters/directory/demoDirectory';
import { openApp } from '../compose';
import { readConfig } from '../config';
import { createHttpServer } from './http';

/** `npm start`: one process for the bot, the tab, its API and (later) the scheduler. */
async function main(): Promise<void> {
  const config = readConfig();
  const app = await openApp(config);
  // Without the demo (PHC_DEMO=off) and before a directory is configured (issue 4), nobody is known.
  const organisation = config.demo ? await new DemoDirectory().organisation() : { teams: [], people: [] };
  const server = createHttpServer(app, organisation);
  server.listen(config.port, () => {
    const cycles = app.cycles.list();
    void cycles.then((list) => {
      console.log(`Practice Health Check is running on its embedded store (${config.dataDir}).`);
      console.log(`  Demo organisation: ${organisation.people.length} people in ${organisation.teams.length} teams.`);
      console.log(`  Cycles: ${list.map((c) => c.id).join(', ')}.`);
      console.log(`  Open http://localhost:${config.port}/ in a browser.`);
      console.log(`  Admin: npx phc help   (e.g. npx phc results --cycle 2024-25)`);
    });
  });
  const stop = () => {
    server.close(() => void app.close().then(() => process.exit(0)));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
