/**
 * One cell of a CSV the app or the CLI writes, safe to open in a spreadsheet (OWASP, "CSV
 * injection"): text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is what
 * Excel and others run as a formula, so it gets a leading `'` and is read as text. Only a
 * number the app itself wrote as a number is left as it is (a negative figure stays a figure).
 * Then the cell is quoted as RFC 4180 says when it holds a comma, a quote or a line break.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
