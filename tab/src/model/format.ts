/** Numbers and dates as UK readers expect them (en-GB): 1,234; 65%; 3 March 2025. */
const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonth = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatCount = (n: number): string => whole.format(n);
export const formatDecimal = (n: number): string => oneDecimal.format(n);
export const formatPercent = (n: number): string => `${whole.format(n)}%`;
/** Percentage points with a sign: "+12 points", "−4 points". */
export function formatChange(points: number): string {
  const sign = points > 0 ? '+' : points < 0 ? '−' : '';
  return `${sign}${whole.format(Math.abs(points))} ${Math.abs(points) === 1 ? 'point' : 'points'}`;
}
/** `2025-03-03` → "3 March 2025" (a calendar day, not a moment: no time zone shift). */
export function formatDay(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) ? iso : day.format(t);
}
/** `2026-04` → "Apr 2026". */
export function formatMonth(isoMonth: string): string {
  const t = Date.parse(`${isoMonth}-01T00:00:00Z`);
  return Number.isNaN(t) ? isoMonth : shortMonth.format(t);
}
