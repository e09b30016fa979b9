import { fmtInt, fmtPct } from '../format';
import { COLOURS } from './palette';
import { LABEL_LINE_HEIGHT, labelLines, selectable, truncate, wrapLines } from './chartParts';
import { frame, type ChartElement, type Mark } from './frame';
import { bar } from './marks/bar';
import type { ChartOptions } from './options';
import type { ChartTable } from './table';

/** What the funnel chart draws for each stage. */
export interface FunnelChartStage {
  id: string;
  name: string;
  reached: number;
  left: number;
  open: number;
  /** Conversion from the previous stage (0-1), null for the first. */
  conversion: number | null;
  /** Those who went on (default: reached - left - open). */
  went?: number;
  /** Shown instead of the counts, e.g. "<5" for published figures (the bars then draw those as 0). */
  labels?: { reached: string; went: string; left: string; open: string };
}

/** `onSelect` is called with the stage id of the bar activated; the height follows from the stages. */
export interface FunnelChartOptions extends Omit<ChartOptions<string>, 'height' | 'x' | 'y' | 'reference'> {
  /** Height of each stage's bar. */
  barHeight?: number;
}

const GAP = 22;
const COUNT_WIDTH = 70;
/** A stage name takes two lines only in a bar at least this tall. */
const TWO_LINES_HEIGHT = 2 * LABEL_LINE_HEIGHT;

/**
 * A horizontal funnel: one bar per stage, split into those who went on
 * (dark), those still open at it (light, outlined) and those who left at it (vermillion),
 * with the conversion from the previous stage between the bars. The height
 * follows from the number of stages.
 */
export function funnelChart(stages: FunnelChartStage[], options: FunnelChartOptions = {}): ChartElement {
  const width = options.width ?? 720;
  const barH = options.barHeight ?? 26;
  const labelW = Math.min(170, width * 0.3);
  return frame({
    className: 'funnel-chart',
    options,
    defaults: { width: 720, height: 100, title: 'Funnel: people reaching each stage' },
    empty: !stages.length && 'No data to show',
    fontSize: 13,
    legend: [
      { label: 'Went on', colour: COLOURS.continued, kind: 'rect' },
      { label: 'Still open here', colour: COLOURS.open, outline: COLOURS.openOutline, kind: 'rect' },
      { label: 'Left here', colour: COLOURS.left, kind: 'rect' },
    ],
    plotHeight: stages.length * (barH + GAP),
    x: { type: 'linear', domain: [0, Math.max(1, ...stages.map((s) => s.reached))], nice: false, format: fmtInt, axis: false },
    marks: [stagesMark(stages, barH, labelW, options.onSelect)],
    table: funnelTable(stages),
  });
}

/** Those who went on from a stage: as given, else those reached who neither left nor are still open there. */
const wentOn = (s: FunnelChartStage) => s.went ?? Math.max(0, s.reached - s.left - s.open);

/** A row per stage: the counts each bar splits into, and the conversion written above it. */
function funnelTable(stages: FunnelChartStage[]): ChartTable {
  return {
    columns: [{ label: 'Stage' }, { label: 'Reached' }, { label: 'Went on' }, { label: 'Still open here' }, { label: 'Left here' },
      { label: 'Conversion from the stage before', format: fmtPct }],
    rows: stages.map((s) => {
      const l = s.labels;
      return [s.name, l?.reached ?? s.reached, l?.went ?? wentOn(s), l?.open ?? s.open, l?.left ?? s.left, s.conversion];
    }),
  };
}

/** Each stage: its name in the left margin, its split bar, its count after the bar and the conversion above it. */
function stagesMark(stages: FunnelChartStage[], barH: number, labelW: number, onSelect: ((id: string) => void) | undefined): Mark {
  return {
    margin: { left: labelW, right: COUNT_WIDTH + 8 },
    render({ svg, px, plot }) {
      stages.forEach((s, i) => {
        const y = plot.top + i * (barH + GAP) + GAP / 2;
        const went = wentOn(s);
        const label = s.labels ?? { reached: fmtInt(s.reached), went: fmtInt(went), left: fmtInt(s.left), open: fmtInt(s.open) };
        const g = svg.append('g').attr('class', 'stage').attr('data-stage', s.id).attr('transform', `translate(0,${y})`);
        if (onSelect) {
          const what = i === stages.length - 1 ? 'Show them' : 'Show those who left here';
          selectable(g, `${s.name}: ${label.reached} reached, ${label.left} left here, ${label.open} still open. ${what}.`, () => onSelect(s.id));
        }
        g.append('title').text(`${s.name}: ${label.reached} reached; ${label.went} went on, ${label.open} still open here, ${label.left} left here`);
        // The full name is in the bar's title.
        // Two lines where the bar is tall enough for them, so a narrow chart keeps the name whole.
        const lines = barH >= TWO_LINES_HEIGHT ? wrapLines(s.name, labelW - 10) : [truncate(s.name, labelW - 10)];
        labelLines(g, lines, labelW - 8, barH / 2 + 4).attr('fill', COLOURS.text);
        let cx = plot.left;
        for (const [n, colour, cls] of [[went, COLOURS.continued, 'went'], [s.open, COLOURS.open, 'open'], [s.left, COLOURS.left, 'left']] as const) {
          const w = px(n) - px(0);
          const seg = bar(g, cx, 0, w, barH, { colour }).attr('class', cls);
          // The pale fill is under 3:1 against white: its outline shows the segment.
          if (cls === 'open') seg.attr('stroke', COLOURS.openOutline).attr('stroke-width', 1);
          // Blue beside vermilion is under 3:1: a white edge keeps touching segments apart (WCAG 1.4.11).
          else if (w > 2) seg.attr('stroke', '#fff').attr('stroke-width', 1);
          cx += w;
        }
        g.append('text').attr('x', cx + 6).attr('y', barH / 2 + 4).attr('fill', COLOURS.text).attr('font-weight', 600).text(label.reached);
        if (i > 0 && s.conversion !== null) {
          svg.append('text').attr('x', plot.left + 4).attr('y', y - 5).attr('fill', COLOURS.neutral).attr('font-size', 12)
            .text(`${fmtPct(s.conversion)} of ${stages[i - 1].name.toLowerCase()} went on`);
        }
      });
    },
  };
}
