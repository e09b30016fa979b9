import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { render } from 'svelte/server';
import { describe, expect, test } from 'vitest';
import Skeleton from '../../src/views/components/Skeleton.svelte';

// The first screen is the static shell in index.html: it must paint before any script or
// stylesheet arrives. These checks fail if it stops being static or drifts from the app.

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const html = read('index.html');
const doc = new JSDOM(html).window.document;
const appCss = read('src/app.css');
const shellCss = [...doc.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');

/** The declarations of the first rule whose selector is exactly `selector` (rules are one a line). */
function rule(css: string, selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?:^|[}\\n])\\s*${escaped}\\s*\\{([^}]*)\\}`).exec(css);
  if (!m) throw new Error(`no rule for ${selector}`);
  return Object.fromEntries(
    m[1].split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const i = d.indexOf(':');
      return [d.slice(0, i).trim(), d.slice(i + 1).trim()];
    }),
  );
}

/** app.css's custom property, e.g. var('--bg'). */
const appVar = (name: string) => rule(appCss, ':root')[name] ?? /* several custom properties share a line */ new RegExp(`${name}:\\s*([^;]+);`).exec(appCss)![1].trim();

/** WCAG 2 contrast ratio of two #rgb or #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (colour: string) => {
    const hex = colour.length === 4 ? '#' + [...colour.slice(1)].map((c) => c + c).join('') : colour;
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Element structure without whitespace or comments: tag, classes, test hooks, inline style. */
function shape(el: Element): string {
  const norm = (a: string, v: string) => (a === 'style' ? v.replace(/\s+/g, '').replace(/;$/, '') : v.trim().replace(/\s+/g, ' '));
  const attrs = ['class', 'data-testid', 'aria-hidden', 'style'].map((a) => (el.hasAttribute(a) ? ` ${a}="${norm(a, el.getAttribute(a)!)}"` : '')).join('');
  return `<${el.tagName.toLowerCase()}${attrs}>${[...el.children].map(shape).join('')}</${el.tagName.toLowerCase()}>`;
}

describe('the first screen is in the page itself', () => {
  const shell = doc.querySelector('#app [data-testid="shell"]');

  test('header, views bar, progress line and skeleton panels are in #app', () => {
    expect(shell).not.toBeNull();
    expect(shell!.querySelector('header h1')?.textContent).toBe('Fostering Funnel');
    expect(shell!.querySelector('.boot-nav')).not.toBeNull();
    const status = shell!.querySelector('[data-testid="app-status"]');
    expect(status?.getAttribute('data-state')).toBe('loading');
    expect(status?.textContent?.trim()).toBe('Opening the dashboard…');
    expect(shell!.querySelectorAll('[data-testid="skeleton"] .sk').length).toBeGreaterThan(5);
  });

  test('no script or stylesheet comes before it, and its styles are inline', () => {
    const before = (el: Element) => (el.compareDocumentPosition(shell!) & 4) !== 0; // shell follows el
    expect([...doc.querySelectorAll('script')].filter(before)).toEqual([]);
    // A linked stylesheet anywhere in the head holds up the first paint until it has downloaded.
    expect(doc.querySelectorAll('link[rel~="stylesheet"], link[as="style"]').length).toBe(0);
    expect(doc.querySelectorAll('style').length).toBeGreaterThan(0);
    expect(shellCss).not.toMatch(/@import|url\(/);
    // The one script is the module entry, which does not block parsing or painting.
    expect([...doc.querySelectorAll('script')].map((s) => [s.getAttribute('type'), s.getAttribute('src')])).toEqual([['module', '/src/main.ts']]);
  });

  test('the entry links no stylesheet: the app and its CSS arrive through a dynamic import', () => {
    // A static import from main.ts of anything that brings CSS (app.css, any .svelte file) makes
    // Vite link the stylesheet in the head of the built page, where it blocks the first paint
    // again; so main.ts imports only the engine's launcher and openFailure.ts, which import
    // nothing but types (the launcher loads the engine's code through a dynamic import too).
    const main = read('src/main.ts');
    const staticImports = [...main.matchAll(/^\s*import\s[^(]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)].map((m) => m[1] ?? m[2]);
    expect(staticImports).toEqual(['./lib/engine/launch', './openFailure']);
    expect(read('src/openFailure.ts')).not.toMatch(/^\s*import\s/m);
    expect(read('src/lib/engine/launch.ts')).not.toMatch(/^\s*import\s(?!type\s)/m);
    expect(read('src/lib/engine/launch.ts')).toMatch(/import\(\s*'\.\/browser'\s*\)/);
    expect(main).toMatch(/import\(\s*'\.\/start'\s*\)/);
    expect(read('src/start.ts')).toMatch(/^import '\.\/app\.css';$/m);
  });
});

describe('the first screen looks like the app', () => {
  test('the static skeleton has the Skeleton component\'s markup', () => {
    const rendered = new JSDOM(render(Skeleton).body).window.document.querySelector('[data-testid="skeleton"]')!;
    expect(rendered).not.toBeNull();
    expect(shape(doc.querySelector('#app [data-testid="skeleton"]')!)).toBe(shape(rendered));
  });

  test('the skeleton rules live only in index.html, so both are drawn alike', () => {
    expect(appCss).not.toMatch(/(^|[\s,}])\.sk(-[a-z]+)?\s*[,{]/m);
    for (const s of ['.skeleton', '.sk', '.sk-kpis', '.sk-chart', '.sk-bar']) expect(() => rule(shellCss, s)).not.toThrow();
  });

  test('the header, views bar and page have the app\'s colours', () => {
    expect(rule(shellCss, '.boot-top').background).toBe(rule(appCss, '.top').background);
    expect(rule(shellCss, '.boot-top').color).toBe(rule(appCss, '.top').color);
    expect(rule(shellCss, '.boot-nav').background).toBe(rule(appCss, '.tabs').background);
    expect(rule(shellCss, '.boot-tag').color).toBe(rule(appCss, '.top .tag').color);
    expect(rule(shellCss, '.boot').background).toBe(appVar('--bg'));
    expect(rule(shellCss, '.boot').color).toBe(appVar('--ink'));
    expect(rule(shellCss, '.boot-line').color).toBe(appVar('--muted'));
  });

  test('its text meets WCAG AA contrast', () => {
    const top = rule(shellCss, '.boot-top').background;
    const page = rule(shellCss, '.boot').background;
    expect(contrast(rule(shellCss, '.boot-top').color, top)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rule(shellCss, '.boot-tag').color, top)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(rule(shellCss, '.boot-line').color, page)).toBeGreaterThanOrEqual(4.5);
    const alert = rule(shellCss, '.boot-alert');
    expect(contrast(alert.color, alert.background)).toBeGreaterThanOrEqual(4.5);
  });

  test('nothing moves unless the reader allows motion', () => {
    const animated = shellCss.replace(/@keyframes[^{]*\{(?:[^{}]*\{[^}]*\})*[^}]*\}/g, '');
    // Every animation is inside a prefers-reduced-motion: no-preference block.
    const outside = animated.replace(/@media\s*\(prefers-reduced-motion:\s*no-preference\)\s*\{(?:[^{}]*\{[^}]*\})*[^}]*\}/g, '');
    expect(outside).not.toMatch(/animation/);
    expect(animated).toMatch(/animation/);
  });
});
