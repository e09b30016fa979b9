import { test, expect } from '@playwright/test';
import { writeFileSync, mkdirSync } from 'node:fs';
import { openApp, waitReady } from './helpers';

test('the printable report prints to A4 PDF with title, source, as-of date and suppression note', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('print-report').click();
  await waitReady(page);
  const report = page.getByTestId('report');
  await expect(report).toContainText('Fostering recruitment: where prospective carers are lost');
  await expect(report).toContainText('Sample data (synthetic)');
  await expect(report).toContainText('Figures as at');
  await expect(report).toContainText('counts from 1 to 4 are shown as "<5"');
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  mkdirSync('test-results/report', { recursive: true });
  writeFileSync('test-results/report/report.pdf', pdf);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  console.log('report pages:', pages, 'bytes:', pdf.length);
  expect(pages).toBeGreaterThanOrEqual(3);
  expect(pages).toBeLessThanOrEqual(8);
});
