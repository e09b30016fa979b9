/**
 * Svelte action: tells `onWidth` an element's width (clientWidth) once it is
 * laid out and whenever it changes. One ResizeObserver serves every chart and
 * reads each width when it reports, after the browser's layout. Reading the
 * width as each chart mounts instead (as `bind:clientWidth` does) made the
 * browser lay the page out again for every chart: on a view of a dozen charts
 * and long tables, a fifth of a second of the page's main thread.
 */
export function observeWidth(node: HTMLElement, onWidth: (width: number) => void) {
  listeners.set(node, onWidth);
  observer().observe(node, { box: 'border-box' });
  return {
    update(next: (width: number) => void) {
      listeners.set(node, next);
    },
    destroy() {
      observer().unobserve(node);
      listeners.delete(node);
    },
  };
}

const listeners = new WeakMap<Element, (width: number) => void>();
let shared: ResizeObserver | null = null;

const observer = () =>
  (shared ??= new ResizeObserver((entries) => {
    for (const entry of entries) listeners.get(entry.target)?.((entry.target as HTMLElement).clientWidth);
  }));
