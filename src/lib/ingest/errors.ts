import type { FileMapping } from './mapping';
import { MAX_MESSAGE, capMessage, countOf, shortList } from './messages';

/** What the user can do about a file that was not loaded. */
export interface FileProblem {
  /** The file's name, as chosen. */
  file: string;
  /** Its position in the files chosen together. */
  index: number;
  /** What is wrong and what to do, in plain English. */
  text: string;
  /**
   * When set, the columns can be chosen by hand: the file's column names, its
   * first rows (as text) and the app's own reading of it to start from.
   */
  mapping?: { columns: string[]; sample: string[][]; proposed: FileMapping };
  /** True when the file reads fine but doesn't look like a fostering export: it can be loaded anyway. */
  canLoadAnyway?: boolean;
  /** True when the file goes with an enquiry export (a cost sheet, a carers list) and came without one: it can be added to the data loaded. */
  addable?: boolean;
}

/**
 * A problem the user must fix, in plain English. `problems` says which files
 * it is about and what can be done with each (map its columns, load it anyway).
 */
export class IngestError extends Error {
  constructor(message: string, readonly problems: FileProblem[] = []) {
    super(capMessage(message));
  }
}

/** Files that only go with an enquiry export (cost sheets, carers lists), chosen without one. */
export class WithoutEnquiriesError extends IngestError {}

/**
 * One IngestError naming every file with a problem; `fine` names the files
 * chosen with them that had none, which were not loaded either (files chosen
 * together are loaded together), so the user doesn't take them for faulty.
 */
export function combinedError(problems: FileProblem[], fine: string[] = []): IngestError {
  const text = problems.length === 1 ? problems[0].text : `${problems.length} of the files were not loaded: ${shortList(problems.map((p) => p.file), 'file')}. Nothing was changed.`;
  const notLoaded = ` read without problems but not loaded either: files chosen together are loaded together.`;
  const named = fine.length ? ` ${shortList(fine, 'file')} ${fine.length === 1 ? 'was' : 'were'}${notLoaded}` : '';
  const counted = fine.length ? ` ${countOf(fine.length, 'other file was', 'other files were')}${notLoaded}` : '';
  // Named if that fits the message's length, else counted, else left out: never cut short to read as more faulty files.
  const others = [named, counted].find((o) => text.length + o.length <= MAX_MESSAGE) ?? '';
  return new IngestError(text + others, problems);
}

/** Patterns of DuckDB (and browser) error text and what they mean for the user. */
const ENGINE_ERRORS: [RegExp, string][] = [
  [/out of memory|memory limit|could not allocate|bad_alloc|Maximum call stack|RangeError: Array buffer allocation/i,
    'The browser tab ran out of memory. Close other tabs, or export a shorter period or fewer columns, and try again.'],
  [/invalid unicode|invalid encoding|not valid utf-?8|unicode|encoding/i,
    'Some of the file is not text this app can read. Open it in Excel and use "Save As" → "CSV UTF-8 (Comma delimited)", then choose the new file.'],
  [/state machine|CSV|unterminated quote|quote|new ?line|delimiter|sniff|column count|too many columns|line size/i,
    "The file couldn't be split into rows and columns. Check it is a CSV export (not an Excel workbook), saved as \"CSV UTF-8\", and try again."],
  [/conversion error|could not convert|could not parse|invalid date|out of range/i,
    "A value in the file couldn't be read as a date or number. Check the date columns on the Data page, or export again."],
  [/interrupt|abort/i, 'The work was stopped before it finished. Try again.'],
  [/failed to fetch|networkerror|load failed/i, "A file couldn't be fetched from this web server. Check your connection and try again."],
];

/**
 * The one place engine errors become words for the user: a DuckDB message
 * ("Binder Error: …", "Invalid Input Error: The CSV Parser state machine …")
 * is never shown; what it means, and what to do, is.
 */
export function plainEngineError(message: string): string {
  for (const [re, text] of ENGINE_ERRORS) if (re.test(message)) return text;
  return "The analysis stopped on something it didn't expect in this data (an internal error, not a fault in your file). Try again; if it happens again, save the file as \"CSV UTF-8\" and load that.";
}

/** A user-facing message for any error: an IngestError's own words, otherwise the engine error explained. */
export function userMessage(e: unknown): string {
  if (e instanceof IngestError) return e.message;
  return plainEngineError(e instanceof Error ? e.message : String(e));
}

/** The marks of an engine's own error text (DuckDB's error classes, SQL). */
const ENGINE_TEXT = /\b(Binder|Parser|Conversion|Catalog|Invalid Input|Internal|INTERNAL|Out of Memory|Constraint|Dependency|Not implemented|Serialization|IO|HTTP|Permission|Transaction|Sequence|Syntax|Type|Invalid)\s?Error\b|\bSELECT\b.*\bFROM\b|\bLINE \d+:/;

/**
 * Any message meant for the user, made safe: where it carries an engine's
 * own error text ("Couldn't compute the overview: Binder Error: …"), that
 * part is replaced by what it means in plain English, and it is kept short.
 */
export function sanitiseMessage(text: string): string {
  const m = ENGINE_TEXT.exec(text);
  if (!m) return capMessage(text);
  const before = text.slice(0, m.index).replace(/[\s:(,-]+$/, '');
  const plain = plainEngineError(text.slice(m.index));
  return capMessage(before ? `${before}. ${plain}` : plain);
}
