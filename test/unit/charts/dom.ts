/** Small DOM helpers for the chart tests (jsdom). */

export function click(el: Element): void {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
}

export function press(el: Element, key: string): KeyboardEvent {
  const ev = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  el.dispatchEvent(ev);
  return ev;
}

/** Text content of every <text> outside <title>s, in document order. */
export function texts(root: Element): string[] {
  return [...root.querySelectorAll('text')].map((t) => t.textContent ?? '');
}

/** The <title> directly inside `el`. */
export function titleOf(el: Element): string | undefined {
  return [...el.children].find((c) => c.tagName.toLowerCase() === 'title')?.textContent ?? undefined;
}

/** Every [role=button] in the svg is focusable and named. */
export function buttons(svg: SVGSVGElement): Element[] {
  return [...svg.querySelectorAll('[role="button"]')];
}
