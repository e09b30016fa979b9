import { fmtInt } from '../format';
import { COLOURS } from './palette';
import { legend, noData, selectable, svgFrame, textWidth, truncate } from './chartParts';

export interface FlowStage {
  id: string;
  name: string;
  reached: number;
  /** Left at this stage (should equal the sum of this stage's exits). */
  left: number;
  /** Still open at this stage. */
  open: number;
}

/** Those who left at `stage` for one reason category (tiny categories grouped by the caller). */
export interface FlowExit {
  stage: string;
  category: string;
  label: string;
  n: number;
}

export interface FlowSelection {
  stage: string;
  /** Set when an exit ribbon was chosen; absent for a stage node. */
  category?: string;
}

export interface FlowChartOptions {
  width?: number;
  height?: number;
  /** Accessible title of the chart. */
  title?: string;
  /** Called when a stage node or an exit ribbon is activated (click, Enter or Space). */
  onSelect?: (sel: FlowSelection) => void;
}

interface Sink {
  key: string;
  label: string;
  total: number;
  kind: 'open' | 'exit';
  y: number;
  h: number;
}

const NODE_W = 12;
const MIN_SLOT = 15;
const SINK_GAP = 5;

/** A horizontal Sankey ribbon between two vertical spans. */
function ribbon(x0: number, s0: number, s1: number, x1: number, t0: number, t1: number): string {
  const xm = (x0 + x1) / 2;
  return `M${x0},${s0}C${xm},${s0} ${xm},${t0} ${x1},${t0}L${x1},${t1}C${xm},${t1} ${xm},${s1} ${x0},${s1}Z`;
}

/**
 * A Sankey-style flow drawn from scratch: one column per stage, each node as
 * tall as the number who reached it; ribbons carry those who went on to the
 * next stage along the top, and those still open and those who left (split by
 * reason category) down to labelled sink nodes on the right. Sinks sit below
 * the main flow so exit ribbons never cross it. Stage nodes and exit ribbons
 * are focusable and call `onSelect`.
 */
export function flowChart(stages: FlowStage[], exits: FlowExit[], options: FlowChartOptions = {}): SVGSVGElement {
  const width = options.width ?? 720;
  const onSelect = options.onSelect;
  const stageIdx = new Map(stages.map((s, i) => [s.id, i]));
  const usable = exits.filter((e) => e.n > 0 && stageIdx.has(e.stage));

  // Sinks: "Still open" first, then exit categories in the caller's order.
  const sinks: Sink[] = [];
  const openTotal = stages.reduce((a, s) => a + Math.max(0, s.open), 0);
  if (openTotal > 0) sinks.push({ key: '', label: 'Still open', total: openTotal, kind: 'open', y: 0, h: 0 });
  const catSink = new Map<string, Sink>();
  for (const e of usable) {
    let s = catSink.get(e.category);
    if (!s) {
      s = { key: e.category, label: e.label, total: 0, kind: 'exit', y: 0, h: 0 };
      catSink.set(e.category, s);
      sinks.push(s);
    }
    s.total += e.n;
  }

  const height = options.height ?? Math.max(360, 170 + (MIN_SLOT + SINK_GAP) * sinks.length);
  const title = options.title ?? 'Flow of people through the stages and out by reason for leaving';
  const maxReached = Math.max(0, ...stages.map((s) => s.reached));
  const empty = !stages.length || !(maxReached > 0);
  const svg = svgFrame({ width, height, title, className: 'flow-chart', interactive: !!onSelect && !empty });
  if (empty) {
    noData(svg, width, height);
    return svg.node()!;
  }

  const legendH = legend(svg, [
    { label: 'Went on', colour: COLOURS.continued, kind: 'rect' },
    { label: 'Still open', colour: COLOURS.open, kind: 'rect' },
    { label: 'Left, by reason', colour: COLOURS.left, kind: 'rect' },
  ], 8, 12, width - 16);

  const went = stages.map((s) => Math.max(0, s.reached - s.left - s.open));
  const countW = (s: Sink) => textWidth(` ${fmtInt(s.total)}`, 12, true);
  const labelR = Math.min(Math.max(60, ...sinks.map((s) => textWidth(s.label) + countW(s) + 12)), width * 0.36);
  const sinkX = width - labelR - NODE_W;
  const left = 8;
  const step = (sinkX - left) / stages.length;
  const colX = (i: number) => left + i * step;
  // Stage names staggered over up to three lines when columns are narrow; counts on
  // their own line just above the nodes, or after the name when even they do not fit.
  const countsInline = Math.max(...stages.map((s) => textWidth(fmtInt(s.reached)))) + 6 > step;
  const nameW = Math.max(...stages.map((s) => textWidth(s.name, 12, true) + (countsInline ? textWidth(` ${fmtInt(s.reached)}`) : 0)));
  const nameRows = Math.min(3, stages.length, Math.max(1, Math.ceil((nameW + 6) / step)));
  const y0 = legendH + 12 + 15 * nameRows + (countsInline ? 10 : 25);
  const bottomPad = 8;

  // Scale: people -> px, the largest that fits the main flow and the stacked sinks.
  const mainPeople = Math.max(...went, ...stages.slice(1).map((s) => s.reached));
  const need = (k: number) => {
    const sinkTop = y0 + mainPeople * k + (sinks.length ? 20 : 0);
    const sinkBottom = sinkTop + sinks.reduce((a, s) => a + Math.max(s.total * k, MIN_SLOT) + SINK_GAP, 0);
    return Math.max(y0 + maxReached * k, sinkBottom);
  };
  let lo = 0;
  let hi = (height - y0) / maxReached;
  for (let it = 0; it < 40; it++) {
    const mid = (lo + hi) / 2;
    if (need(mid) <= height - bottomPad) lo = mid;
    else hi = mid;
  }
  const k = lo;
  let sy = y0 + mainPeople * k + 20;
  for (const s of sinks) {
    s.h = s.total * k;
    s.y = sy + Math.max(0, (MIN_SLOT - s.h) / 2);
    sy += Math.max(s.h, MIN_SLOT) + SINK_GAP;
  }

  const ribbons = svg.append('g').attr('class', 'ribbons');
  const exitG = ribbons.append('g').attr('class', 'exits');
  const sinkFill = new Map<Sink, number>(sinks.map((s) => [s, s.y]));

  stages.forEach((s, i) => {
    const xs = colX(i) + NODE_W;
    // Went on, along the top to the next stage.
    if (i + 1 < stages.length && went[i] > 0) {
      const next = stages[i + 1];
      const g = ribbons.append('g').attr('class', 'ribbon went').attr('data-stage', s.id).attr('data-to', next.id).attr('data-n', went[i]);
      g.append('title').text(`${s.name} → ${next.name}: ${fmtInt(went[i])} went on`);
      g.append('path').attr('d', ribbon(xs, y0, y0 + went[i] * k, colX(i + 1), y0, y0 + went[i] * k))
        .attr('fill', COLOURS.continued).attr('fill-opacity', 0.6);
    }
    let cy = y0 + went[i] * k;
    const openSink = sinks.find((x) => x.kind === 'open');
    if (s.open > 0 && openSink) {
      const t = sinkFill.get(openSink)!;
      sinkFill.set(openSink, t + s.open * k);
      const g = ribbons.append('g').attr('class', 'ribbon open').attr('data-stage', s.id).attr('data-n', s.open);
      g.append('title').text(`${s.name} → Still open: ${fmtInt(s.open)}`);
      g.append('path').attr('d', ribbon(xs, cy, cy + s.open * k, sinkX, t, t + s.open * k))
        .attr('fill', COLOURS.open).attr('fill-opacity', 0.35)
        .attr('stroke', COLOURS.continued).attr('stroke-width', 0.75).attr('stroke-dasharray', '3 2');
      cy += s.open * k;
    }
    // Exits in sink order, so ribbons leave the node in the order they arrive.
    const here = usable.filter((e) => e.stage === s.id)
      .sort((a, b) => sinks.indexOf(catSink.get(a.category)!) - sinks.indexOf(catSink.get(b.category)!));
    for (const e of here) {
      const sink = catSink.get(e.category)!;
      const t = sinkFill.get(sink)!;
      sinkFill.set(sink, t + e.n * k);
      const text = `${s.name} → Left: ${e.label}, ${fmtInt(e.n)}`;
      const g = exitG.append('g').attr('class', 'ribbon exit').attr('data-stage', s.id).attr('data-category', e.category).attr('data-n', e.n);
      g.append('title').text(text);
      g.append('path').attr('d', ribbon(xs, cy, cy + e.n * k, sinkX, t, t + e.n * k))
        .attr('fill', COLOURS.left).attr('fill-opacity', 0.4)
        .attr('stroke', COLOURS.left).attr('stroke-opacity', 0.6).attr('stroke-width', 0.5);
      if (onSelect) selectable(g, `${text}. Show these enquiries.`, () => onSelect({ stage: s.id, category: e.category }));
      cy += e.n * k;
    }
  });

  // Stage nodes with their name and count above.
  const nodes = svg.append('g').attr('class', 'nodes');
  stages.forEach((s, i) => {
    const x = colX(i);
    const summary = `${s.name}: ${fmtInt(s.reached)} reached; ${fmtInt(went[i])} ${i + 1 < stages.length ? 'went on' : 'completed'}, ${fmtInt(s.open)} still open, ${fmtInt(s.left)} left`;
    const g = nodes.append('g').attr('class', 'node stage').attr('data-stage', s.id).attr('data-reached', s.reached);
    g.append('title').text(summary);
    const row = nameRows - 1 - (i % nameRows);
    const count = fmtInt(s.reached);
    const label = g.append('text').attr('class', 'stage-label').attr('x', x).attr('y', y0 - (countsInline ? 9 : 24) - 15 * row).attr('fill', COLOURS.text);
    const room = Math.max(24, nameRows * step - 6) - (countsInline ? textWidth(` ${count}`) : 0);
    label.append('tspan').attr('class', 'stage-name').attr('font-weight', 600).text(truncate(s.name, room, 12, true));
    if (countsInline) label.append('tspan').attr('class', 'stage-count').text(` ${count}`);
    else g.append('text').attr('class', 'stage-count').attr('x', x).attr('y', y0 - 9).attr('fill', COLOURS.text).text(count);
    g.append('rect').attr('x', x).attr('y', y0).attr('width', NODE_W).attr('height', Math.max(1, s.reached * k))
      .attr('fill', COLOURS.continued);
    if (onSelect) selectable(g, `${summary}. Show those who left here.`, () => onSelect({ stage: s.id }));
  });

  // Sink nodes, labelled to their right.
  for (const s of sinks) {
    const g = nodes.append('g').attr('class', `node sink ${s.kind}`).attr('data-category', s.kind === 'exit' ? s.key : null).attr('data-n', s.total);
    g.append('title').text(s.kind === 'open' ? `Still open: ${fmtInt(s.total)}` : `Left: ${s.label}, ${fmtInt(s.total)} in all`);
    g.append('rect').attr('x', sinkX).attr('y', s.y).attr('width', NODE_W).attr('height', Math.max(1, s.h))
      .attr('fill', s.kind === 'open' ? COLOURS.open : COLOURS.left);
    const t = g.append('text').attr('class', 'sink-label').attr('x', sinkX + NODE_W + 5).attr('y', s.y + Math.max(1, s.h) / 2 + 4).attr('fill', COLOURS.text);
    t.append('tspan').text(truncate(s.label, labelR - 12 - countW(s)) + ' ');
    t.append('tspan').attr('font-weight', 600).text(fmtInt(s.total));
  }
  return svg.node()!;
}
