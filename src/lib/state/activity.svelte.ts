import { tick, untrack } from 'svelte';
import { IngestError, sanitiseMessage, userMessage, type FileProblem } from '../ingest/errors';
import type { LoadStep } from '../ingest/progress';
import type { ViewId } from './url';

/** A notice the user should read (role=status), e.g. "12 duplicate rows merged". */
export interface Notice {
  id: number;
  text: string;
  /** Not news: kept in the notices area without opening it (e.g. the sample's own duplicates). */
  quiet?: boolean;
  /** A view that says more, linked after the text ("See the Data page for why."). */
  more?: { view: ViewId; text: string };
}

/**
 * What the app is doing (busy, progress, queries in flight) and what the user
 * must read (the failure, the files a load could not take, notices).
 */
export class Activity {
  /** The step under way (engine starting, files being read), shown in the status line. */
  busy = $state<string | null>('Starting the analysis engine…');
  /** Progress of the current step of `busy` (0-100), when the engine reports it. */
  busyPercent = $state<number | null>(null);
  /** Size of the file the current step reads, to show "62 of 163 MB read". */
  busyBytes = $state<number | null>(null);
  /** What the engine is doing while views wait for figures, when it is slow enough to say. */
  calculating = $state<string | null>(null);
  #error = $state<string | null>(null);
  /** The files the last failed load could not take, each with what can be done about it. */
  problems = $state.raw<FileProblem[]>([]);
  notices = $state<Notice[]>([]);
  /** Queries in flight for the views on screen. */
  pending = $state(0);
  #noticeId = 0;

  /**
   * The failure the user must read (role=alert). Every message set here,
   * by any view, goes through one filter: engine internals become plain words.
   */
  get error(): string | null {
    return this.#error;
  }
  set error(text: string | null) {
    this.#error = text === null ? null : sanitiseMessage(text);
  }

  /** Shows a notice (a quiet one waits, folded, in the notices area), with a link to a view that says more. */
  notify(text: string, quiet = false, more?: Notice['more']) {
    this.notices = [...this.notices, { id: ++this.#noticeId, text, quiet, ...(more ? { more } : {}) }];
  }

  /** Clears the failure and the files it was about. */
  dismissError() {
    this.error = null;
    this.problems = [];
  }

  /** The engine's progress within the current step: it only grows (a step's later statements start again at 0). */
  progress(percent: number) {
    if (this.busy || this.calculating) this.busyPercent = Math.max(this.busyPercent ?? 0, percent);
  }

  /** A new loading step: its label replaces the busy message, and its progress starts again. */
  step = (s: LoadStep) => {
    this.busy = s.label + '…';
    this.busyPercent = null;
    this.busyBytes = s.bytes ?? null;
  };

  /** The engine is at slow work views wait for (label: rebuilding `journeys`, compacting a load), or has finished (null). */
  working(label: string | null) {
    this.calculating = label && label + '…';
    this.busyPercent = null;
  }

  /**
   * Runs a load under a busy label. One place turns any failure into plain
   * words: engine internals are never shown.
   */
  async run(label: string, task: () => Promise<void>): Promise<void> {
    this.busy = label;
    this.error = null;
    this.problems = [];
    try {
      await task();
      // Let the views start their queries before "loading" ends, so "ready" means computed.
      await tick();
    } catch (e) {
      this.error = userMessage(e);
      this.problems = e instanceof IngestError ? e.problems : [];
      // Notices were about the data loaded before; they would read as if about the rejected file.
      this.notices = [];
      if (!(e instanceof IngestError)) console.error(e);
    } finally {
      this.busy = null;
      this.busyPercent = null;
      this.busyBytes = null;
    }
  }

  /** Tracks a view's query so the status says "loading" until it lands. */
  async track<T>(p: Promise<T>): Promise<T> {
    // Called from effects: the counter must not become one of their dependencies.
    untrack(() => this.pending++);
    try {
      return await p;
    } finally {
      // After the view's own .then() and Svelte's DOM update (both microtasks), so that
      // "ready" is only said once the new numbers are on screen.
      setTimeout(() => this.#settled(), 0);
    }
  }

  #deliveries: (() => void)[] = [];

  /**
   * Holds a view's new result until every request in flight has landed, then
   * applies them all at once: the screen changes once, with figures that
   * belong together, instead of once per metric with a mix of old and new.
   */
  deliver(apply: () => void): void {
    this.#deliveries.push(apply);
    if (untrack(() => this.pending) === 0) queueMicrotask(() => this.#flush());
  }

  #settled() {
    untrack(() => this.pending--);
    if (untrack(() => this.pending) === 0) this.#flush();
  }

  #flush() {
    const due = this.#deliveries;
    this.#deliveries = [];
    for (const apply of due) apply();
  }

  /** Holds "loading" until the views have reacted to a change and registered their queries. */
  settle = () => {
    untrack(() => this.pending++);
    tick().then(() => this.#settled());
  };
}
