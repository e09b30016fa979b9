/** A plain static file server under a URL sub-path (loopback only), for deployment tests. */
export function startServer(opts: { dir: string; base: string; port?: number; mimeTypes?: Record<string, string> }): Promise<{ url: string; origin: string; base: string; port: number; close: () => Promise<void> }>;
