/** UK financial years (April to March), labelled as Ofsted does: "2023-24". */

/** The financial year an ISO date falls in. */
export function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** First and last day of a financial year label. */
export function financialYearRange(label: string): { from: string; to: string } {
  const start = Number(label.slice(0, 4));
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/** Financial years covering a date range, oldest first. */
export function financialYears(fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  const first = Number(financialYear(fromIso).slice(0, 4));
  const last = Number(financialYear(toIso).slice(0, 4));
  for (let y = first; y <= last; y++) out.push(`${y}-${String((y + 1) % 100).padStart(2, '0')}`);
  return out;
}
