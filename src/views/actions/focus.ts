import { tick } from 'svelte';

/** Focus for controls that come and go. */

/** An action: focuses the element as it appears (a dialog's heading, a confirmation's button). */
export function focusOnMount(el: HTMLElement): void {
  el.focus();
}

/**
 * Where focus goes when what held it closes, once the page has updated: the
 * control named by `selector` (the one that opened it) if it is there, else
 * the page's main content, so focus never falls to the page's body.
 */
export async function focusAfterClose(selector: string | null): Promise<void> {
  await tick();
  const opener = selector ? document.querySelector<HTMLElement>(selector) : null;
  (opener ?? document.getElementById('main'))?.focus();
}
