// @ts-check
/**
 * Process memory of one Chromium instance, read from /proc (Linux only).
 *
 * The benchmark launches Chromium with a unique marker switch; the browser
 * process is the one whose command line carries it, and its descendants are
 * the zygote, GPU/utility processes and the renderers. A page and its
 * dedicated workers (DuckDB-WASM's worker and its WebAssembly.Memory) live in
 * one renderer process, so that renderer's resident set size is the memory
 * the tab costs. VmHWM is the kernel's peak RSS; writing "5" to clear_refs
 * resets it, which gives a true peak per phase without sampling.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** @param {number} pid */
function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** @param {number} pid */
function ppid(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid ... ; comm may contain spaces or parentheses.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function allPids() {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
}

/**
 * The processes of the Chromium launched with `marker` on its command line.
 * @param {string} marker
 * @returns {{ pid: number, type: string }[]}
 */
export function chromiumProcesses(marker) {
  const pids = allPids();
  const browser = pids.find((p) => {
    const c = cmdline(p);
    return c && c.some((a) => a.includes(marker)) && !c.some((a) => /(^|\s)--type=/.test(a));
  });
  if (browser === undefined) return [];
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const p of pids) {
    const pp = ppid(p);
    if (pp === null) continue;
    if (!children.has(pp)) children.set(pp, []);
    children.get(pp)?.push(p);
  }
  /** @type {{ pid: number, type: string }[]} */
  const out = [];
  const walk = (/** @type {number} */ p) => {
    const c = cmdline(p);
    if (!c) return;
    // Chromium rewrites its children's argv into one space-separated string.
    const t = c.join(' ').match(/(?:^|\s)--type=(\S+)/);
    out.push({ pid: p, type: t ? t[1] : 'browser' });
    for (const k of children.get(p) ?? []) walk(k);
  };
  walk(browser);
  return out;
}

/**
 * VmRSS and VmHWM (peak RSS) of a process, in bytes, or null if it is gone.
 * @param {number} pid
 */
export function memoryOf(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (/** @type {string} */ k) => {
      const m = s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'));
      return m ? Number(m[1]) * 1024 : null;
    };
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * Resets a process's peak RSS (VmHWM) to its current RSS. False if not allowed.
 * @param {number} pid
 */
export function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Busy and total CPU jiffies of the machine (all cores), from /proc/stat. */
function machineCpu() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

/** utime + stime of a process, in jiffies (0 if gone). @param {number} pid */
function processCpu(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0;
  }
}

/**
 * Samples every process of one Chromium every `intervalMs` and keeps, per
 * phase, the largest renderer RSS and the largest sum over all its processes.
 */
export class MemorySampler {
  /** @param {string} marker @param {number} intervalMs */
  constructor(marker, intervalMs = 200) {
    this.marker = marker;
    this.intervalMs = intervalMs;
    /** @type {ReturnType<typeof setInterval> | null} */
    this.timer = null;
    this.procs = /** @type {{ pid: number, type: string }[]} */ ([]);
    this.lastScan = 0;
    this.cores = os.cpus().length;
    this.phase = this.emptyPhase();
    this.canReset = true;
  }

  emptyPhase() {
    return { maxRendererRss: 0, maxTotalRss: 0, samples: 0, cpu: this.cpuNow() };
  }

  /** CPU used so far by the machine, and by this Chromium plus this Node process. */
  cpuNow() {
    const m = machineCpu();
    let ours = processCpu(process.pid);
    for (const p of this.procs ?? []) ours += processCpu(p.pid);
    return { ...m, ours, at: Date.now() };
  }

  scan() {
    this.procs = chromiumProcesses(this.marker);
    this.lastScan = Date.now();
  }

  /** The renderer using the most memory now: the tab (others are spare or utility renderers). */
  mainRenderer() {
    if (Date.now() - this.lastScan > 2000) this.scan();
    let best = null;
    for (const p of this.procs) {
      if (p.type !== 'renderer') continue;
      const m = memoryOf(p.pid);
      if (m && m.rss !== null && (!best || m.rss > best.rss)) best = { pid: p.pid, rss: m.rss, hwm: m.hwm };
    }
    return best;
  }

  sample() {
    if (Date.now() - this.lastScan > 2000) this.scan();
    let total = 0;
    let renderer = 0;
    for (const p of this.procs) {
      const m = memoryOf(p.pid);
      if (!m || m.rss === null) continue;
      total += m.rss;
      if (p.type === 'renderer') renderer = Math.max(renderer, m.rss);
    }
    this.phase.maxRendererRss = Math.max(this.phase.maxRendererRss, renderer);
    this.phase.maxTotalRss = Math.max(this.phase.maxTotalRss, total);
    this.phase.samples++;
  }

  start() {
    this.scan();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref?.();
  }

  /** Starts a new phase: resets the sampled maxima and every process's VmHWM. */
  beginPhase() {
    this.scan();
    this.phase = this.emptyPhase();
    for (const p of this.procs) if (!resetPeak(p.pid)) this.canReset = false;
    this.sample();
  }

  /**
   * Ends a phase: peak RSS of the tab's renderer (kernel VmHWM since beginPhase
   * when it could be reset, else the sampled maximum) and the sampled maximum
   * over all Chromium processes.
   */
  endPhase() {
    this.sample();
    const r = this.mainRenderer();
    // Processes that exited during the phase are missed, so "others" can be overstated a little.
    const c0 = this.phase.cpu;
    const c1 = this.cpuNow();
    const perCore = Math.max(1, (c1.total - c0.total) / this.cores);
    return {
      cpuCoresUsedByBench: Math.max(0, (c1.ours - c0.ours) / perCore),
      cpuCoresUsedByOthers: Math.max(0, (c1.busy - c0.busy - (c1.ours - c0.ours)) / perCore),
      rendererPid: r?.pid ?? null,
      rendererRssNow: r?.rss ?? null,
      rendererPeakRss: r ? (this.canReset && r.hwm !== null ? Math.max(r.hwm, this.phase.maxRendererRss) : this.phase.maxRendererRss) : null,
      rendererPeakFrom: this.canReset ? 'VmHWM' : 'sampled VmRSS',
      chromiumTotalPeakRssSampled: this.phase.maxTotalRss,
      samples: this.phase.samples,
    };
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
