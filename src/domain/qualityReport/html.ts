import type { QualityReport } from './model';
import { reportTables, type ReportTable } from './tables';

/**
 * The report as one printable A4 page set (the PSW prints it to PDF from the browser). All
 * styles inline, no scripts, fonts, images or links to fetch: it prints the same offline and
 * inside the council's network. Every figure comes from `reportTables`, like the CSV.
 */
const escape = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function table(t: ReportTable, empty: string): string {
  if (t.rows.length === 0) return `<h3>${escape(t.title)}</h3><p class="empty">${escape(empty)}</p>`;
  return `<h3>${escape(t.title)}</h3><table><thead><tr>${t.header.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
    .map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escape(c)}</th>` : `<td>${escape(c === '' ? '–' : c)}</td>`)).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10.5pt; color: #1b1b1b; margin: 0; line-height: 1.35; }
main { max-width: 178mm; margin: 0 auto; }
h1 { font-size: 18pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 0.4mm solid #444; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.meta { color: #444; }
.empty { font-style: italic; color: #444; }
table { width: 100%; border-collapse: collapse; margin-bottom: 3mm; break-inside: auto; }
tr { break-inside: avoid; }
th, td { border: 0.2mm solid #888; padding: 1mm 1.5mm; text-align: right; vertical-align: top; }
th[scope="row"], thead th:first-child { text-align: left; font-weight: normal; }
thead th { background: #e8e8e8; font-weight: bold; }
section { break-inside: auto; }
@media screen { body { background: #f2f2f2; } main { background: #fff; padding: 16mm; margin: 8mm auto; box-shadow: 0 0 2mm #bbb; } }
`;

/** Sections 6–8, each only where the quarter has something: focus groups, thematic reviews, self-assessments. */
function frameworkSections(report: QualityReport, t: (name: string, empty: string) => string): string {
  const f = report.framework;
  const parts: string[] = [];
  let n = 6;
  if (f.focusGroups.length > 0) {
    const attended = f.focusGroups.reduce((s, g) => s + (g.attended ?? 0), 0);
    parts.push(`<section>
<h2>${n++}. Focus groups</h2>
<p>${f.focusGroups.length} focus ${f.focusGroups.length === 1 ? 'group' : 'groups'} held this quarter, ${attended} ${attended === 1 ? 'person' : 'people'} taking part. Themes against Appendix 5; nobody is named in the notes.</p>
${t('focus-group-themes', '')}
</section>`);
  }
  if (f.reviews.length > 0) {
    parts.push(`<section>
<h2>${n++}. Thematic practice reviews</h2>
${t('thematic-reviews', '')}
</section>`);
  }
  if (f.selfAssessments.length > 0) {
    parts.push(`<section>
<h2>${n++}. Self-assessments</h2>
${reportTables(report)
  .filter((x) => x.name.startsWith('self-assessment-'))
  .map((x) => t(x.name, ''))
  .join('\n')}
</section>`);
  }
  return parts.join('\n');
}

export function renderQualityReportHtml(report: QualityReport, organisationName = 'Adult Social Care'): string {
  const tables = new Map(reportTables(report).map((t) => [t.name, t]));
  const t = (name: string, empty: string): string => {
    const found = tables.get(name);
    return found ? table(found, empty) : '';
  };
  const c = report.compliance.overall;
  const health = report.health;
  const flagged = report.caseloads.teams.reduce((s, x) => s + x.aboveLevel, 0);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Quality Report ${escape(report.quarter.id)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Quarterly Quality Report</h1>
<p class="meta">${escape(organisationName)} · Practice Quality Assurance Framework · ${escape(report.quarter.label)} · figures as of ${escape(report.asOf)}</p>
<p class="meta">For the Adult Social Care Management Team. Aggregates only: nobody is named, and survey groups smaller than the threshold are hidden.</p>

<section>
<h2>1. Audit compliance</h2>
<p>${escape(c.summary)}. Audits due in the quarter, by type and by team.</p>
${t('compliance-by-type', 'No audits were due in this quarter.')}
${t('compliance-by-team', 'No audits were due in this quarter.')}
</section>

<section>
<h2>2. Key themes</h2>
${t('themes', 'No themes have been tagged for this quarter yet (phc report themes add).')}
</section>

<section>
<h2>3. Supervision frequency</h2>
<p>Supervisees with supervision held in every month of the quarter so far, against the monthly policy.</p>
${t('supervision', 'No supervision is recorded for this quarter.')}
</section>

<section>
<h2>4. Caseloads</h2>
<p>${report.caseloads.overall === null ? 'No caseload audit figures for this period.' : `Average caseload ${escape(report.caseloads.overall.toFixed(1))} open cases a worker, averaged over the months as in the 2019/20 audit. ${flagged} ${flagged === 1 ? 'worker is' : 'workers are'} above the level of ${escape(report.caseloads.level)}; their own managers have been shown who.`}</p>
${t('caseloads', 'No caseloads are stored for this period.')}
</section>

<section>
<h2>5. Health check</h2>
${health ? `<p>${escape(health.title)}${health.hidden ? `: ${escape(health.hidden)}` : `; groups under ${escape(health.threshold)} responses are hidden.`}</p>${t('health-check', 'No headline figures.')}` : '<p class="empty">No Health Check has results yet.</p>'}
<h3>Action plan</h3>
${report.actions ? t('actions', '') : '<p class="empty">No action plan yet.</p>'}
</section>
${frameworkSections(report, t)}
</main>
</body>
</html>
`;
}
