/**
 * Workbooks made by tests (unit and end-to-end): seeded enquiries written
 * both as a report tool's CSV and as an Excel workbook, and hand-built zip
 * packages for hostile workbooks (zip bombs) without compressing gigabytes.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { utils, write, type CellObject, type WorkBook, type WorkSheet } from '@e965/xlsx';
import { listZipParts } from '../../src/lib/ingest/zipGuard';

export const STAGES = ['Initial Home Visit Date', 'Application Received', 'Stage One Completed', 'Stage Two Completed', 'Panel Date', 'ADM Decision Date'];
export const HEADER = ['Ref No', 'Date of Enquiry', 'Campaign', 'How did you hear about us?', ...STAGES, 'Current Status', 'Reason for Closure'];
const DAY = 86_400_000;

export interface Enquiry {
  id: string;
  enquiry: number;
  campaign: string;
  source: string;
  /** Stage dates (ms) up to the furthest stage reached. */
  stages: number[];
  status: string;
  reason: string;
}

/** Enquiries from a seeded generator: every stage reached somewhere, some left, some open. */
export function makeEnquiries(n: number, seed = 7): Enquiry[] {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const enquiry = Date.UTC(2023, 0, 1) + Math.floor(rnd() * 900) * DAY;
    const reached = Math.floor(rnd() * 7);
    const stages: number[] = [];
    for (let k = 0; k < reached; k++) stages.push((stages[k - 1] ?? enquiry) + (5 + Math.floor(rnd() * 60)) * DAY);
    const status = reached === 6 ? 'Approved' : pick(['In progress', 'Withdrawn', 'NFA', 'On hold', 'Closed - not proceeding']);
    const reason = /Withdrawn|NFA|Closed/.test(status) ? pick(['Change in circumstances', 'Did not respond', 'Financial reasons, "housing"']) : '';
    return { id: `FE-${1000 + i}`, enquiry, campaign: pick(['Spring Radio', 'Bus Stops', '']), source: pick(['Website', 'Radio', 'Word of mouth']), stages, status, reason };
  });
}

const ukDate = (ms: number) => new Date(ms).toISOString().slice(0, 10).split('-').reverse().join('/');
const serial = (ms: number) => (ms - Date.UTC(1899, 11, 30)) / DAY;
const csvCell = (t: string) => (/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);

/** The export as a report tool writes it in CSV: title lines, header, rows, a total line. */
export function asCsv(rows: Enquiry[]): string {
  const lines = ['Fostering Enquiries Report', 'Generated 01/11/2026', '', HEADER.join(',')];
  for (const r of rows) {
    const stages = STAGES.map((_, k) => (r.stages[k] ? ukDate(r.stages[k]) : ''));
    lines.push([r.id, ukDate(r.enquiry), r.campaign, r.source, ...stages, r.status, r.reason].map(csvCell).join(','));
  }
  lines.push(['Total', String(rows.length), ...HEADER.slice(2).map(() => '')].join(','));
  return lines.join('\n') + '\n';
}

/**
 * The same export as a sheet: a merged title, typed dates for the enquiry date,
 * date serials formatted as dates for most stages, bare serials (General format)
 * for the panel date, and the status as a formula whose cached value is the status.
 */
export function enquirySheet(rows: Enquiry[]): WorkSheet {
  const aoa: unknown[][] = [['Fostering Enquiries Report'], ['Generated 01/11/2026'], [], HEADER];
  for (const r of rows) {
    const stages = STAGES.map((name, k): CellObject | null => {
      if (!r.stages[k]) return null;
      return name === 'Panel Date' ? { t: 'n', v: serial(r.stages[k]) } : { t: 'n', v: serial(r.stages[k]), z: 'dd/mm/yyyy' };
    });
    // A formula that would give "x" if it were ever evaluated: the cached value must be read.
    const status: CellObject = { t: 's', v: r.status, f: 'IF(1=1,"x","y")' };
    aoa.push([r.id, new Date(r.enquiry), r.campaign || null, r.source, ...stages, status, r.reason || null]);
  }
  aoa.push(['Total', rows.length]);
  const ws = utils.aoa_to_sheet(aoa, { cellDates: true });
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: HEADER.length - 1 } }];
  return ws;
}

export function book(sheets: [string, WorkSheet][]): WorkBook {
  const wb = utils.book_new();
  for (const [name, ws] of sheets) utils.book_append_sheet(wb, ws, name);
  return wb;
}

export const xlsxBytes = (wb: WorkBook, bookType: 'xlsx' | 'biff8' = 'xlsx') => new Uint8Array(write(wb, { type: 'array', bookType, cellDates: true }));

/** The workbook the tests load: notes first, then the enquiries, then a cost sheet. */
export function reportBook(rows: Enquiry[]): WorkBook {
  return book([
    ['Notes', utils.aoa_to_sheet([['About this export'], ['Produced by the case system every month'], ['Questions: the data team']])],
    ['Enquiries', enquirySheet(rows)],
    ['Costs', utils.aoa_to_sheet([['Campaign', 'Spend'], ['Spring Radio', 1200], ['Bus Stops', 800]])],
  ]);
}

export interface Entry {
  name: string;
  data: Uint8Array;
  method: 0 | 8;
  /** What the headers declare; the real size unless a test lies. */
  size: number;
  crc?: number;
}

/** Writes a zip package from parts as given (compressed already, sizes as declared). */
export function zip(entries: Entry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, Buffer.from(e.data));
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(e.method, 10);
    cd.writeUInt32LE(e.crc ?? 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBytes, end]));
}

/** The parts of a real workbook, inflated, so one can be swapped for a hostile one. */
export function parts(wb: Uint8Array): Map<string, Uint8Array> {
  return new Map(listZipParts(wb, 'test')!.map((p) => {
    const data = wb.subarray(p.dataStart, p.dataStart + p.compressed);
    return [p.name, new Uint8Array(p.method === 8 ? inflateRawSync(data) : data)];
  }));
}

/** A real deflate stream of `times` copies of `chunk` without compressing them all: flushed pieces repeat. */
export function deflatedRepeats(chunk: string, times: number): Uint8Array {
  const piece = deflateRawSync(Buffer.from(chunk), { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  return new Uint8Array(Buffer.concat([...Array.from({ length: times }, () => piece), end]));
}

/** A real workbook whose part `name` is replaced by a deflate stream (declared size as given). */
export function withPart(name: string, data: Uint8Array, declared: number): Uint8Array {
  const real = parts(xlsxBytes(book([['Enquiries', utils.aoa_to_sheet([['Ref', 'Date'], ['A', '01/01/2024']])]])));
  const entries: Entry[] = [...real].filter(([n]) => n !== name).map(([n, d]) => ({ name: n, data: deflateRawSync(d), method: 8, size: d.length, crc: crc32(d) }));
  entries.push({ name, data, method: 8, size: declared });
  return zip(entries);
}

