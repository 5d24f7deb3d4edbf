import type { Organisation } from '../domain/organisation/types';
import type { Cycle } from '../ports/stores';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A plain, accessible page saying what is running, pointing to the tab. Results are not
 * linked from here: every API route needs someone signed in (docs/adr/0012).
 */
export function landingPage(organisation: Organisation, cycles: readonly Cycle[]): string {
  const rows = cycles
    .map((c) => `<tr><th scope="row">${escape(c.id)}</th><td>${escape(c.title)}</td><td>${c.status}</td><td>${c.kind === 'published' ? 'Published results' : 'Run in the app'}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Practice Health Check</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #767676}a{color:#0b57a4}</style></head>
<body><main>
<h1>Practice Health Check</h1>
<p>The Organisational Health Check, pulse surveys and the practice audit programme for adult social care, in Microsoft Teams. This server is running on its embedded store.</p>
<p>Organisation: ${organisation.people.length} people in ${organisation.teams.length} teams.</p>
<p><a href="/tab/">Open the tab</a>: results, audits, supervision, your surveys and the action plan.</p>
<h2>Survey cycles</h2>
<table><thead><tr><th scope="col">Cycle</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Source</th></tr></thead><tbody>${rows}</tbody></table>
<p>Results are aggregates only: any group smaller than the cycle's threshold is hidden.</p>
</main></body></html>`;
}
