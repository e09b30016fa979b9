import { describe, expect, it, vi } from 'vitest';

// The browser engine needs a Worker; here it is a stand-in that counts its starts.
const starts = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../../src/lib/engine/browser', () => ({
  createBrowserEngine: async () => {
    starts.n++;
    return { id: starts.n };
  },
}));

import { launchEngine } from '../../../src/lib/engine/launch';

describe('launchEngine', () => {
  it('starts the engine once: the page entry and the loader get the same engine', async () => {
    const first = launchEngine();
    const second = launchEngine();
    expect(second).toBe(first);
    expect(await second).toEqual({ id: 1 });
    expect(starts.n).toBe(1);
  });
});
