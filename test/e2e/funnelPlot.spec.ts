import { test, expect } from '@playwright/test';
import { openApp, upload, waitReady } from './helpers';

// Four campaigns: one far above the rest, one large and a little below, one ordinary,
// and one of 4 enquiries (too small to judge, however high its rate).
const CAMPAIGNS: [name: string, enquiries: number, applied: number][] = [
  ['Big', 400, 120],
  ['Mid', 120, 36],
  ['High', 100, 60],
  ['Tiny', 4, 4],
];

function wideCsv(): string {
  const lines = ['Ref No,Date of Enquiry,Initial Home Visit Date,Application Received,Current Status,Campaign'];
  let id = 0;
  for (const [name, enquiries, applied] of CAMPAIGNS) {
    for (let i = 0; i < enquiries; i++) {
      id++;
      const day = String(1 + (id % 28)).padStart(2, '0');
      const month = String(1 + (id % 6)).padStart(2, '0');
      const went = i < applied;
      lines.push(`F${id},${day}/${month}/2024,${went ? `${day}/${String(2 + (id % 6)).padStart(2, '0')}/2024` : ''},${went ? `${day}/${String(3 + (id % 6)).padStart(2, '0')}/2024` : ''},${went ? 'In progress' : 'Withdrawn'},${name}`);
    }
  }
  return lines.join('\r\n') + '\r\n';
}

/** Exact binomial tails by brute force (BigInt binomial coefficients), independent of the app's code. */
function tails(x: number, n: number, p: number) {
  let choose = 1n;
  let atLeast = 0;
  let atMost = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) choose = (choose * BigInt(n - k + 1)) / BigInt(k);
    const pk = Number(choose) * p ** k * (1 - p) ** (n - k);
    if (k >= x) atLeast += pk;
    if (k <= x) atMost += pk;
  }
  return { atLeast, atMost };
}

function expectedClass(x: number, n: number, p: number): string {
  if (n < 10) return 'tooSmall';
  const t = tails(x, n, p);
  if (t.atLeast < 0.001) return 'above998';
  if (t.atMost < 0.001) return 'below998';
  if (t.atLeast < 0.025) return 'above95';
  if (t.atMost < 0.025) return 'below95';
  return 'within';
}

test('funnel plot: exact classes, small groups too small to judge, and a caption that says what the limits support', async ({ page }) => {
  await openApp(page, './?view=campaigns');
  await upload(page, [{ name: 'funnel-plot.csv', text: wideCsv() }]);
  await waitReady(page);
  const chart = page.locator('svg.funnel-plot-chart');
  await expect(chart.locator('.mark.point')).toHaveCount(CAMPAIGNS.length);

  const overall = CAMPAIGNS.reduce((a, c) => a + c[2], 0) / CAMPAIGNS.reduce((a, c) => a + c[1], 0);
  const seen: Record<string, string> = {};
  for (const [name, n, x] of CAMPAIGNS) {
    const point = chart.locator(`.mark.point[data-group="${name}"]`);
    await expect(point).toHaveAttribute('data-n', String(n));
    seen[name] = (await point.getAttribute('data-class'))!;
    expect(seen[name], name).toBe(expectedClass(x, n, overall));
  }
  // The design covers the cases that matter.
  expect(seen).toEqual({ Big: 'below95', Mid: 'within', High: 'above998', Tiny: 'tooSmall' });
  await expect(chart.locator('.mark.point[data-group="High"] title')).toContainText('very unlikely to be chance alone');
  await expect(chart.locator('.mark.point[data-group="Big"] title')).toContainText('worth a look, could be chance');
  await expect(chart.locator('.mark.point[data-group="Tiny"] title')).toContainText('too few people to judge');
  // The limit curves start at the smallest size judged.
  await expect(chart.locator('path.limit')).toHaveCount(4);

  const note = page.getByTestId('funnel-plot-note');
  await expect(note).toContainText('very unlikely to differ by chance alone');
  await expect(note).toContainText('could be chance');
  await expect(note).toContainText('too small to judge');
  await expect(page.locator('main')).not.toContainText('almost certainly');
});
