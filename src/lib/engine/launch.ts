import type { Engine } from './engine';

let launched: Promise<Engine> | null = null;

/**
 * Starts the page's one browser engine, or returns the start already under way. The
 * page's entry (main.ts) calls it before it loads the app, so the engine's worker
 * fetches and compiles its wasm while the app's code arrives and mounts, not after it;
 * the loader then takes the same engine. Its code is loaded on demand, so the page's
 * first paint never waits for it.
 */
export function launchEngine(): Promise<Engine> {
  if (!launched) {
    launched = import('./browser').then(({ createBrowserEngine }) => createBrowserEngine());
    // A failed start is reported by whoever awaits it (the loader), not as an unhandled rejection.
    launched.catch(() => {});
  }
  return launched;
}
