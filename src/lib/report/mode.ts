/**
 * The printable report's audience: an internal paper shows every figure; a
 * paper for publication applies the app's disclosure control (counts of 1-4
 * as "<5", and the counts tied to them by sums withheld).
 */
export type ReportMode = 'internal' | 'publication';

/** The link's ui key holding the report's mode. */
export const REPORT_MODE_KEY = 'report';

/** The choices, in the order offered, with the words printed on every page. */
export const REPORT_MODES: readonly { id: ReportMode; label: string }[] = [
  { id: 'internal', label: 'Internal (all figures)' },
  { id: 'publication', label: 'For publication (counts under 5 suppressed)' },
];

/** The mode a link's value asks for; anything else (or nothing) is "for publication", the safe choice. */
export function reportMode(value: string | undefined): ReportMode {
  return value === 'internal' ? 'internal' : 'publication';
}

/** The words printed on every page for a mode. */
export function reportModeLabel(mode: ReportMode): string {
  return REPORT_MODES.find((m) => m.id === mode)!.label;
}
