import type { FunnelChartStage } from '../charts/funnelChart';
import type { TimeSeries } from '../charts/timeSeriesChart';
import type { Count, SummaryData, SummaryStep } from '../state/summary';
import { SUPPRESSED } from '../stats/disclosure';

/**
 * The width in CSS px the report draws its charts at. Printed, a chart fills
 * the A4 text width (210 mm less 2 × 14 mm margins = 688 px), so it is
 * scaled up by 688 / 600 and the charts' smallest text (11 px) prints at
 * 11 × 688 / 600 × 0.75 ≈ 9.5 pt.
 */
export const REPORT_CHART_WIDTH = 600;

/** The A4 text width in CSS px (210 mm less 2 × 14 mm margins): charts are drawn for it while the page prints, whatever the screen. */
export const PRINT_WIDTH = 688;

/** Below this a report chart is drawn at the width there is (a phone's, in portrait). */
const PHONE_WIDTH = 480;

/**
 * The width to draw a report chart at in a space `available` px wide:
 * REPORT_CHART_WIDTH, scaled to fit, except on a phone, where scaled down
 * its text would be 7 px: there it is drawn at the width there is.
 */
export const reportChartWidth = (available: number) => (available > 0 && available < PHONE_WIDTH ? Math.round(available) : REPORT_CHART_WIDTH);

/** A published count as text: "1,234", "<5" or "suppressed". */
export const countText = (n: Count) => (typeof n === 'number' ? n.toLocaleString('en-GB') : n);
/** A published count as a length to draw: withheld counts are drawn as nothing (their labels say why). */
const drawn = (n: Count) => (typeof n === 'number' ? n : 0);

/** The funnel chart's stages from published steps; "went on" is the next stage's reached count (the last stage's, its approvals). */
export function funnelChartStages(steps: SummaryStep[]): FunnelChartStage[] {
  return steps.map((s, i) => {
    const went: Count = i < steps.length - 1 ? steps[i + 1].reached : s.left === 0 && s.open === 0 ? s.reached : SUPPRESSED;
    return {
      id: s.id, name: s.name, reached: drawn(s.reached), left: drawn(s.left), open: drawn(s.open), went: drawn(went),
      conversion: typeof s.conversion === 'number' ? s.conversion : null,
      labels: { reached: countText(s.reached), went: countText(went), left: countText(s.left), open: countText(s.open) },
    };
  });
}

/** The period counts as three bar series (enquiries, applications, approvals), withheld counts drawn as 0 and labelled. */
export function periodSeries(d: Extract<SummaryData, { kind: 'trends' }>, isPart: (period: string) => boolean = () => false): TimeSeries[] {
  // A period the data cover only in part is drawn hollow, as on the Trends view: it is not a whole period that fell.
  const series = (id: string, name: string, pick: (p: (typeof d.periods)[number]) => Count): TimeSeries =>
    ({ id, name, points: d.periods.map((p) => ({ period: p.period, value: drawn(pick(p)), label: countText(pick(p)), provisional: isPart(p.period) })) });
  return [
    series('e', 'Enquiries received', (p) => p.enquiries),
    series('a', 'Applications received', (p) => p.applications),
    series('p', 'Approvals made', (p) => p.approvals),
  ];
}
