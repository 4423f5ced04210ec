/**
 * A share as a whole percent for people to read (CLI table, Markdown summaries, the hub). A share just under 100 % never
 * shows as 100 % (one failing resource in a thousand is not "100% meet the strategy"), nor one just over 0 % as 0 %.
 */
export function percent(share: number): string {
  const p = share * 100;
  if (p > 99 && p < 100) return '99%';
  if (p > 0 && p < 1) return '<1%';
  return `${Math.round(p)}%`;
}
