/**
 * Number, percentage and date formatting for the hub (the browser's locale).
 */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export const count = (n: number) => integer.format(n);
/** Whole percent, except just under 100 % or just over 0 %, which never round to those. */
export { percent as pct } from '../../../shared/report/percent';
export const formatDateTime = (d: Date) => dateTime.format(d);
export const formatShortDate = (d: Date | number) => shortDate.format(d);
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
