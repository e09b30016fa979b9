import { launchEngine } from './lib/engine/launch';
import { showOpenFailure } from './openFailure';

/**
 * The entry point, kept tiny. index.html has already painted the first screen (header, skeleton
 * panels, "Opening the dashboard…") from inline styles. The app and its stylesheet are loaded from
 * here rather than linked in the page's head, where the stylesheet would hold up that first paint;
 * the dynamic import resolves only once the stylesheet has loaded, so the app takes the shell's
 * place fully styled.
 */
const target = document.getElementById('app')!;

// The engine starts now, beside the app's own code rather than after it has mounted; a summary
// link (#summary=) opens without it.
if (!location.hash.startsWith('#summary=')) launchEngine();

import('./start').then(
  ({ start }) => start(target),
  () => showOpenFailure(target),
);
