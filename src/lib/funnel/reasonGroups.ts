import { EXIT_CATEGORIES, type ExitCode, type ReasonRow } from './reasons';

/** Who ended an enquiry, in the order the groups are introduced. */
export const EXIT_GROUPS = ['Applicant withdrew', 'Agency decision', 'Administrative', 'Not known'] as const;
export type ExitGroup = (typeof EXIT_GROUPS)[number];

export interface ReasonTotal {
  code: ExitCode;
  label: string;
  group: ExitGroup;
  total: number;
  /** Stage id -> those who left there for this reason. */
  byStage: Record<string, number>;
}

export interface ReasonGroup {
  group: ExitGroup;
  total: number;
  /** Largest first. */
  reasons: ReasonTotal[];
}

const category = (code: string) => EXIT_CATEGORIES.find((c) => c.code === code);

/** Who ended an enquiry that left for this category. */
export function exitGroupOf(code: string): ExitGroup {
  return (category(code)?.group as ExitGroup | undefined) ?? 'Not known';
}

/** Totals per reason over every stage, largest first (ties by label). */
export function reasonTotals(rows: ReasonRow[]): ReasonTotal[] {
  const by = new Map<string, ReasonTotal>();
  for (const r of rows) {
    if (!(r.n > 0)) continue;
    let t = by.get(r.code);
    if (!t) {
      t = { code: r.code, label: category(r.code)?.label ?? r.code, group: exitGroupOf(r.code), total: 0, byStage: {} };
      by.set(r.code, t);
    }
    t.total += r.n;
    t.byStage[r.stage] = (t.byStage[r.stage] ?? 0) + r.n;
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
}

/** Reasons grouped by who ended the enquiry: groups largest first, reasons largest first within. */
export function groupReasons(rows: ReasonRow[]): ReasonGroup[] {
  const totals = reasonTotals(rows);
  return EXIT_GROUPS
    .map((group) => {
      const reasons = totals.filter((t) => t.group === group);
      return { group, total: reasons.reduce((a, t) => a + t.total, 0), reasons };
    })
    .filter((g) => g.total > 0)
    .sort((a, b) => b.total - a.total || EXIT_GROUPS.indexOf(a.group) - EXIT_GROUPS.indexOf(b.group));
}

/** The reasons people left at one stage, largest first. */
export function reasonsAtStage(rows: ReasonRow[], stage: string): { code: ExitCode; label: string; group: ExitGroup; n: number }[] {
  return rows
    .filter((r) => r.stage === stage && r.n > 0)
    .map((r) => ({ code: r.code, label: category(r.code)?.label ?? r.code, group: exitGroupOf(r.code), n: r.n }))
    .sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
}
