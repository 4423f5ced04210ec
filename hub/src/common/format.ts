/**
 * Number, percentage and date formatting for the hub (the browser's locale).
 */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export const count = (n: number) => integer.format(n);
/** Whole percent, except just under 100 % or just over 0 %, which never round to those. */
export function pct(share: number): string {
  const p = share * 100;
  if (p > 99 && p < 100) return '99%';
  if (p > 0 && p < 1) return '<1%';
  return `${Math.round(p)}%`;
}
export const formatDateTime = (d: Date) => dateTime.format(d);
export const formatShortDate = (d: Date | number) => shortDate.format(d);
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
