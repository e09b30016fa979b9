import { mount } from 'svelte';
import App from './views/App.svelte';
import './app.css';

/**
 * Replaces index.html's static first screen with the app. Loaded by main.ts through a dynamic
 * import, so this module's stylesheet has arrived before it runs: the app never shows unstyled.
 */
export function start(target: HTMLElement): void {
  target.replaceChildren();
  mount(App, { target });
}
