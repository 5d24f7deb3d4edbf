/**
 * The council's quarters, as the audit plan counts them (the council's Practice Quality Assurance Framework Appendix 6: "Quarter 3
 * Oct – Dec", "Quarter 4 Jan – Mar"): the year runs April to March, so `2026-Q3` is
 * October–December 2026 and `2026-Q4` is January–March 2027.
 */
export interface Quarter {
  /** e.g. `2026-Q3` */
  readonly id: string;
  /** The council year it belongs to, e.g. 2026 for April 2026 – March 2027. */
  readonly year: number;
  readonly number: 1 | 2 | 3 | 4;
  readonly start: string;
  readonly end: string;
  /** e.g. "Quarter 3, October – December 2026" */
  readonly label: string;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LAST_DAY = ['30', '30', '31', '31']; // June, September, December, March

export function parseQuarter(text: string): Quarter | undefined {
  const match = /^(\d{4})-Q([1-4])$/i.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const number = Number(match[2]) as 1 | 2 | 3 | 4;
  const startMonth = ((number - 1) * 3 + 3) % 12; // 0-based: Q1 → April (3), Q4 → January (0)
  const calendarYear = number === 4 ? year + 1 : year;
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = `${calendarYear}-${pad(startMonth + 1)}-01`;
  const end = `${calendarYear}-${pad(startMonth + 3)}-${LAST_DAY[number - 1]}`;
  return { id: `${year}-Q${number}`, year, number, start, end, label: `Quarter ${number}, ${MONTH_NAMES[startMonth]} – ${MONTH_NAMES[startMonth + 2]} ${calendarYear}` };
}

/** The quarter a day falls in, e.g. `2026-11-23` → `2026-Q3`. */
export function quarterOf(day: string): Quarter {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const councilYear = month >= 4 ? year : year - 1;
  const number = month >= 4 ? Math.floor((month - 4) / 3) + 1 : 4;
  return parseQuarter(`${councilYear}-Q${number}`)!;
}
