/** Where the system Chromium lives (Debian's `chromium` package), or null. */
export function chromiumPath(): string | null;
