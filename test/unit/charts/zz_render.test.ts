// @vitest-environment jsdom
import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { timeSeriesChart } from '../../../src/lib/charts/timeSeriesChart';
import { flowChart } from '../../../src/lib/charts/flowChart';
import { funnelPlotChart } from '../../../src/lib/charts/funnelPlotChart';
import { incidenceChart } from '../../../src/lib/charts/incidenceChart';
import { intervalChart } from '../../../src/lib/charts/intervalChart';
import { funnelChart } from '../../../src/lib/charts/funnelChart';
import { svgToString } from '../../../src/lib/charts/svgExport';
import { funnelPlotData } from '../../../src/lib/funnel/comparisons';
import { fmtPct } from '../../../src/lib/format';

it('renders', () => {
  const W = Number(process.env.W ?? 720);
  const periods = ['2021-22', '2022-23', '2023-24', '2024-25'];
  const out: string[] = [];
  out.push(svgToString(timeSeriesChart([
    { id: 'e', name: 'Enquiries received', points: periods.map((p, i) => ({ period: p, value: [300, 340, 280, 310][i] })) },
    { id: 'a', name: 'Applications received', points: periods.map((p, i) => ({ period: p, value: [60, 70, null, 55][i] })) },
    { id: 'p', name: 'Approvals made', points: periods.map((p, i) => ({ period: p, value: [20, 25, 22, 12][i], provisional: i === 3 })) },
  ], { width: W, kind: 'bars', title: 'Bars', yLabel: 'People' })));
  out.push(svgToString(timeSeriesChart([
    { id: 'r', name: 'Applications per enquiry (this service)', points: periods.map((p, i) => ({ period: p, value: [0.2, 0.21, 0.19, 0.18][i], provisional: i === 3 })) },
    { id: 'r2', name: 'Second series', points: periods.map((p, i) => ({ period: p, value: [0.15, 0.17, 0.22, 0.2][i] })) },
  ], { width: W, height: 260, kind: 'line', title: 'Lines', yLabel: 'Applications per enquiry', yFormat: fmtPct,
    reference: [{ period: '2022-23', value: 0.22, label: 'England 22%' }, { period: '2022-23', value: 0.23, label: 'Councils 23%' }, { period: '2024-25', value: 0.2, label: 'England 20%' }] })));
  const stages = [
    { id: 'enq', name: 'Enquiry', reached: 1000, left: 520, open: 80 },
    { id: 'iv', name: 'Initial visit', reached: 400, left: 150, open: 50 },
    { id: 'app', name: 'Application', reached: 200, left: 60, open: 30 },
    { id: 's2', name: 'Stage 2 assessment', reached: 110, left: 20, open: 10 },
    { id: 'panel', name: 'Panel', reached: 80, left: 5, open: 5 },
    { id: 'appr', name: 'Approved', reached: 70, left: 0, open: 0 },
  ];
  const cats = [['AW4', 'Financial reasons'], ['AW3', 'Household circumstances changed'], ['LOST', 'Lost contact / no response'], ['CO', 'Counselled out'], ['OTHER', 'Other reasons']];
  const exits = stages.flatMap((s) => {
    let rem = s.left;
    return cats.map(([c, l], j) => {
      const n = j === cats.length - 1 ? rem : Math.floor(s.left * [0.3, 0.25, 0.25, 0.1][j]);
      rem -= n;
      return { stage: s.id, category: c, label: l, n };
    });
  });
  out.push(svgToString(flowChart(stages, exits, { width: W, title: 'Flow', onSelect: () => {} })));
  const groups = ['Facebook', 'Radio', 'Word of mouth', 'Website', 'Event', 'Leaflet', 'Tiny', 'Google ads'].map((g, i) => {
    const n = [400, 120, 200, 600, 60, 30, 8, 250][i];
    const rate = [0.35, 0.2, 0.55, 0.3, 0.45, 0.3, 0.5, 0.22][i];
    return { group: g, steps: [{ reached: n }, { reached: Math.round(n * rate) }] };
  });
  out.push(svgToString(funnelPlotChart(funnelPlotData(groups as never, 0, 1), { width: W, onSelect: () => {} })));
  out.push(svgToString(incidenceChart([
    { id: 'a', name: '2022-23 (n=300)', points: [{ time: 30, value: 0.01 }, { time: 120, value: 0.05 }, { time: 200, value: 0.1 }, { time: 300, value: 0.14 }, { time: 500, value: 0.18 }] },
    { id: 'b', name: '2023-24 (n=280)', points: [{ time: 40, value: 0.02 }, { time: 150, value: 0.08 }, { time: 250, value: 0.12 }], until: 400 },
    { id: 'c', name: '2024-25 (n=310)', points: [{ time: 20, value: 0.01 }, { time: 90, value: 0.03 }], until: 180 },
  ], { width: W, xLabel: 'Days since enquiry', yLabel: 'Approved', maxTime: 730 })));
  out.push(svgToString(intervalChart([
    { id: 'w', label: 'White British', rate: 0.3, low: 0.26, high: 0.34, n: 500 },
    { id: 'b', label: 'Black, Black British, Caribbean or African', rate: 0.15, low: 0.09, high: 0.23, n: 90, highlight: 'behind' },
    { id: 'a', label: 'Asian or Asian British', rate: 0.33, low: 0.22, high: 0.46, n: 60 },
    { id: 'm', label: 'Mixed', rate: 0.5, low: 0.3, high: 0.7, n: 12, note: 'Small group: fewer than 20' },
    { id: 'x', label: 'Not recorded', rate: null, low: null, high: null, n: 0 },
    { id: 'o', label: 'Other', rate: 0.45, low: 0.38, high: 0.52, n: 200, highlight: 'ahead' },
  ], { width: W, title: 'Ethnicity', reference: 0.29, referenceLabel: 'Everyone', onSelect: () => {} })));
  out.push(svgToString(funnelChart(stages.map((s) => ({ ...s, conversion: 0.4 })), { width: W })));
  out.forEach((svg, i) => writeFileSync(`/tmp/chart-${W}-${i}.html`, `<!doctype html><html><body style="margin:0">${svg}</body></html>`));
  writeFileSync(`/tmp/charts-${W}.html`, `<!doctype html><html><body style="margin:8px;font-family:system-ui">${out.map((s) => `<div style="width:${W}px;border:1px solid #ccc;margin-bottom:8px">${s}</div>`).join('')}</body></html>`);
});
