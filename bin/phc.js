#!/usr/bin/env node
// `npx phc` runs the TypeScript CLI through tsx, so a fresh clone needs no build step. In
// production (NODE_ENV=production, as in the container) it runs the compiled build from
// `npm run build:server` instead: the image has no tsx.
const path = require('node:path');
const fs = require('node:fs');

if (process.env.NODE_ENV === 'production') {
  const compiled = path.join(__dirname, '../dist/server/src/cli/main.js');
  if (!fs.existsSync(compiled)) {
    console.error('phc: NODE_ENV=production runs the compiled CLI, which is not built here. Run `npm run build:server` first.');
    process.exit(1);
  }
  require(compiled);
} else {
  require('tsx/cjs');
  require('../src/cli/main.ts');
}
