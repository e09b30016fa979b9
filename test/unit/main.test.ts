// @vitest-environment jsdom
import { expect, it, vi } from 'vitest';

// What the page's entry does, in order: the engine's start and the app's, both stand-ins.
const calls = vi.hoisted(() => [] as string[]);
vi.mock('../../src/lib/engine/launch', () => ({ launchEngine: () => void calls.push('engine') }));
vi.mock('../../src/start', () => ({ start: () => void calls.push('app') }));

it('starts the engine before the app has loaded, so the two load side by side', async () => {
  document.body.innerHTML = '<div id="app"></div>';
  await import('../../src/main');
  expect(calls).toEqual(['engine']);
  await vi.waitFor(() => expect(calls).toEqual(['engine', 'app']));
});
