import { chromiumPath } from './chromium-path.mjs';

// The end-to-end tests drive the system Chromium; no browser is downloaded.
if (!chromiumPath()) {
  console.error(
    'No Chromium found for the end-to-end tests.\n' +
      'Install it with:  sudo apt-get install -y chromium   (Debian/Ubuntu)\n' +
      'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
  );
  process.exit(1);
}
