/**
 * The layers, checked by `npm run lint:layers` (part of `npm test`). Each rule names what a
 * layer may not import; docs/adr/0016 says why the layers are what they are.
 *
 *   domain       pure rules: nothing outside the domain, no Node built-ins, no packages
 *   ports        interfaces the use cases need: the domain only
 *   app          use cases: the domain and the ports
 *   adapters     SQLite, SharePoint, Graph, the directory: the domain, the ports, config
 *   bot          botbuilder at the edge: use cases, domain, ports, and the server's bot contract
 *   server       Fastify and the tab's API: use cases, domain, ports (never an adapter or the bot)
 *   cli          phc: use cases, domain, ports, and the composition root that builds them
 *   composition  the one place that builds everything: may import anything in src/
 *   tab          the browser bundle: the API's types and the domain's pure helpers only
 *   telemetry    the span names and attributes every edge may record (@opentelemetry/api only)
 */
const layer = (name) => `^src/${name}/`;
const notIn = (...names) => ({ path: names.map(layer) });

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain does no I/O and depends on nothing outside the domain.',
      severity: 'error',
      from: { path: layer('domain') },
      to: { pathNot: [layer('domain')] },
    },
    {
      name: 'ports-name-the-domain-only',
      severity: 'error',
      from: { path: layer('ports') },
      to: { pathNot: [layer('ports'), layer('domain')] },
    },
    {
      name: 'use-cases-use-ports-not-adapters',
      comment: 'src/app combines the domain and the ports; the composition root gives it adapters.',
      severity: 'error',
      from: { path: layer('app') },
      to: notIn('adapters', 'bot', 'server', 'cli', 'composition'),
    },
    {
      name: 'adapters-implement-ports',
      severity: 'error',
      from: { path: layer('adapters') },
      to: notIn('app', 'bot', 'server', 'cli', 'composition'),
    },
    {
      name: 'bot-stays-at-the-edge',
      comment: 'botbuilder stays in src/bot; the bot reaches the server only through its contract (botEndpoint.ts) and its URL checks (security.ts).',
      severity: 'error',
      from: { path: layer('bot') },
      to: { path: ['^src/(adapters|cli|composition)/', '^src/server/(?!botEndpoint\\.ts$|security\\.ts$)'] },
    },
    {
      name: 'server-never-builds-adapters-or-bot',
      comment: 'The server is handed what it serves by the composition root (main.ts and startup.ts call it).',
      severity: 'error',
      from: { path: layer('server') },
      to: notIn('adapters', 'bot', 'cli'),
    },
    {
      name: 'cli-gets-adapters-from-the-root',
      comment:
        "One exception: `phc sharepoint provision|status` works on the SharePoint lists themselves, before the app can open them, so it uses the adapter's provisioning (its index and site errors) directly.",
      severity: 'error',
      from: { path: layer('cli') },
      to: { path: ['^src/(adapters|bot|server)/'], pathNot: ['^src/adapters/sharepoint/(index|site)\\.ts$'] },
    },
    {
      name: 'telemetry-is-a-leaf',
      comment: 'Spans are recorded from the adapters, the bot, the server and the root alike, so they depend on nothing in src/.',
      severity: 'error',
      from: { path: layer('telemetry') },
      to: { path: '^src/', pathNot: [layer('telemetry')] },
    },
    {
      name: 'nothing-imports-the-entry-points',
      severity: 'error',
      from: { pathNot: ['^src/(server|cli)/'] },
      to: { path: ['^src/server/main\\.ts$', '^src/cli/main\\.ts$'] },
    },
    {
      name: 'tab-uses-api-types-and-pure-domain',
      comment: 'The browser bundle talks to the server over HTTP; it may share the API types and pure domain helpers.',
      severity: 'error',
      from: { path: '^tab/src/' },
      to: { path: '^src/', pathNot: ['^src/server/api/types\\.ts$', layer('domain')] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Imports of types only (a service naming the App it belongs to) do not count: they vanish at run time.',
      from: { path: '^(src|tab/src)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The domain may use no package at all; elsewhere packages are the edges' business.
    exclude: { path: '^(node_modules|dist|data|tests|scripts)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
