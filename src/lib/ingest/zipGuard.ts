import {
  MAX_PART_BYTES, MAX_PARTS, MAX_RATIO, MAX_UNCOMPRESSED_BYTES, RATIO_CHECKED_BYTES, SAVE_AS_CSV, WorkbookError, bytesInWords,
} from './workbookFormat';

/**
 * Checks a zip package (an .xlsx) before any parser opens it, so that a
 * small file built to expand to gigabytes (a "zip bomb") is refused with a
 * message instead of exhausting the tab's memory. First the sizes the zip
 * declares (central directory and each part's own header), then the real
 * size of every compressed part, inflated as a stream and counted without
 * being kept: a part that inflates beyond what it declares is refused.
 */

export interface ZipPart {
  name: string;
  method: number;
  compressed: number;
  /** The larger of the sizes the central directory and the part's own header declare. */
  declared: number;
  /** Where the part's data starts. */
  dataStart: number;
}

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

const damaged = (name: string) =>
  new WorkbookError(`"${name}" is damaged: it isn't a complete workbook (perhaps cut short when it was copied). Save it again from Excel, or save the sheet as CSV, and load that.`);

/** The ZIP64 sizes in an extra field, for the 32-bit fields that say 0xFFFFFFFF. */
function zip64Sizes(b: Uint8Array, at: number, end: number, usz: number, csz: number): { usz: number; csz: number } {
  while (at + 4 <= end) {
    const id = u16(b, at);
    const len = u16(b, at + 2);
    if (id === 0x0001) {
      let p = at + 4;
      if (usz === 0xffffffff && p + 8 <= end) (usz = u64(b, p)), (p += 8);
      if (csz === 0xffffffff && p + 8 <= end) csz = u64(b, p);
      break;
    }
    at += 4 + len;
  }
  return { usz, csz };
}

/** Where the central directory is and how many parts it lists (the last end record, as the parser finds it). */
function centralDirectory(b: Uint8Array, name: string): { count: number; offset: number } {
  let i = b.length - 22;
  while (i >= 0 && !(b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06)) i--;
  if (i < 0) throw damaged(name);
  let count = u16(b, i + 10);
  let offset = u32(b, i + 16);
  // ZIP64: the locator sits just before the end record and points at the 64-bit one.
  if ((count === 0xffff || offset === 0xffffffff) && i >= 20 && u32(b, i - 20) === 0x07064b50) {
    const at = u64(b, i - 12);
    if (at + 56 > b.length || u32(b, at) !== 0x06064b50) throw damaged(name);
    count = u64(b, at + 32);
    offset = u64(b, at + 48);
  }
  return { count, offset };
}

/** Lists the parts of a zip package with their declared sizes. Throws WorkbookError when the package is damaged. */
export function listZipParts(b: Uint8Array, name: string): ZipPart[] {
  const { count, offset } = centralDirectory(b, name);
  if (count > MAX_PARTS) {
    throw new WorkbookError(`"${name}" has ${count.toLocaleString('en-GB')} parts inside, far more than any workbook, so it was not opened (it may be damaged or built to attack the reader). ${SAVE_AS_CSV}`);
  }
  const parts: ZipPart[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw damaged(name);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const sizes = zip64Sizes(b, p + 46 + nameLen, p + 46 + nameLen + extraLen, u32(b, p + 24), u32(b, p + 20));
    let local = u32(b, p + 42);
    if (local === 0xffffffff) local = 0; // a ZIP64 offset: the parser reads the 32-bit one too
    const partName = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw damaged(name);
    const localName = u16(b, local + 26);
    const localExtra = u16(b, local + 28);
    const own = zip64Sizes(b, local + 30 + localName, local + 30 + localName + localExtra, u32(b, local + 22), u32(b, local + 18));
    parts.push({
      name: partName,
      method: u16(b, local + 8),
      compressed: Math.max(sizes.csz, own.csz),
      declared: Math.max(sizes.usz, own.usz),
      dataStart: local + 30 + localName + localExtra,
    });
    p += 46 + nameLen + extraLen + u16(b, p + 32);
  }
  return parts;
}

/** Refuses a package whose declared sizes are beyond the limits. */
function checkDeclaredSizes(parts: readonly ZipPart[], name: string): void {
  const total = parts.reduce((a, q) => a + q.declared, 0);
  if (total > MAX_UNCOMPRESSED_BYTES) {
    throw new WorkbookError(`"${name}" expands to ${bytesInWords(total)} when opened, too large to read safely in the browser (the limit is ${bytesInWords(MAX_UNCOMPRESSED_BYTES)}). ${SAVE_AS_CSV}`);
  }
  for (const q of parts) {
    if (q.method !== 8) continue;
    const ratio = q.declared / Math.max(1, q.compressed);
    if (q.declared > RATIO_CHECKED_BYTES && ratio > MAX_RATIO) {
      throw new WorkbookError(`"${name}" is packed ${Math.round(ratio).toLocaleString('en-GB')}-fold, far tighter than any real workbook: it looks built to overwhelm the reader, so it was not opened. ${SAVE_AS_CSV}`);
    }
    if (q.declared > MAX_PART_BYTES) {
      const what = /sharedStrings/i.test(q.name) ? 'The text of' : /sheet/i.test(q.name) ? 'A sheet of' : 'Part of';
      throw new WorkbookError(`${what} "${name}" expands to ${bytesInWords(q.declared)} when opened, too large to read safely in the browser (the limit is ${bytesInWords(MAX_PART_BYTES)}). ${SAVE_AS_CSV}`);
    }
  }
}

/** Inflates a part's data as a stream, counting bytes, and stops once it passes `cap`. Returns the bytes counted. */
async function inflatedSize(b: Uint8Array, from: number, cap: number): Promise<number> {
  const chunk = 1 << 20;
  let at = from;
  // The parser inflates from the data's start to the end of the deflate stream,
  // whatever size is declared, so the data is fed to the end of the file.
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    pull(controller) {
      if (at >= b.length) return controller.close();
      controller.enqueue(b.slice(at, Math.min(b.length, at + chunk)));
      at += chunk;
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > cap) {
        await reader.cancel().catch(() => {});
        break;
      }
    }
  } catch {
    // Data after the end of the stream (the next part) ends it; a damaged stream is the parser's to report.
  }
  return total;
}

/**
 * Checks a zip package: declared sizes within the limits, and every
 * compressed part really inflating to no more than it declares.
 * Memory stays bounded: inflated data is counted, never kept.
 */
export async function checkZip(b: Uint8Array, name: string): Promise<void> {
  const parts = listZipParts(b, name);
  checkDeclaredSizes(parts, name);
  for (const q of parts) {
    if (q.method !== 8) continue;
    const real = await inflatedSize(b, q.dataStart, q.declared);
    if (real > q.declared) {
      throw new WorkbookError(`"${name}" holds far more data than it declares (in "${q.name.slice(0, 60)}"), a sign of a damaged or malicious file, so it was not opened. ${SAVE_AS_CSV}`);
    }
  }
}
