import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { expect, test } from 'vitest';
import { showOpenFailure } from '../../src/openFailure';

const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');

test('if the app cannot be downloaded, the first screen says so in plain English instead of waiting for ever', () => {
  const shell = new JSDOM(html).window.document.getElementById('app')!;
  const status = shell.querySelector('[data-testid="app-status"]')!;
  expect(status.getAttribute('data-state')).toBe('loading');
  showOpenFailure(shell);
  expect(status.getAttribute('data-state')).toBe('error');
  expect(status.textContent).toBe('The dashboard could not be opened.');
  const alerts = shell.querySelectorAll('[role="alert"]');
  expect(alerts.length).toBe(1);
  expect(alerts[0].textContent).toMatch(/did not download from the web server\. Check the connection and reload the page/);
  expect(shell.querySelector('[data-testid="skeleton"]')).toBeNull();
});

test('the message is text, not markup', () => {
  const shell = new JSDOM(html).window.document.getElementById('app')!;
  showOpenFailure(shell);
  expect(shell.querySelector('[role="alert"]')!.children.length).toBe(0);
});
