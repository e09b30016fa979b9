import { describe, expect, test } from 'vitest';
import { IngestError, combinedError, plainEngineError, sanitiseMessage, userMessage } from '../../../src/lib/ingest/errors';

/** Error text as DuckDB-WASM gives it (copied from real failures). */
const DUCKDB = {
  binder: "Binder Error: No function matches the given name and argument types '-(BIGINT, VARCHAR)'. You might need to add explicit type casts.\n\tCandidate functions:\n\t-(TINYINT) -> TINYINT\n\t-(TINYINT, TINYINT) -> TINYINT",
  csv: 'Invalid Input Error: The CSV Parser state machine reached an invalid state.\nPossible fixes:\n* Disable the parser\'s strict mode (strict_mode=false) to allow reading rows that do not comply with the CSV standard.',
  conversion: "Conversion Error: Could not convert string 'tbc' to INT32\nLINE 1: SELECT CAST(x AS INTEGER) FROM t",
  parser: 'Parser Error: syntax error at or near "FROM"\nLINE 1: SELECT a, FROM t',
  catalog: 'Catalog Error: Table with name g3_raw_0 does not exist!\nDid you mean "g2_raw_0"?',
  memory: 'Out of Memory Error: could not allocate block of size 256.0 KiB (3.9 GiB/4.0 GiB used)',
  unicode: 'Invalid Input Error: Invalid unicode (byte sequence mismatch) detected in CSV file.',
  quote: 'Invalid Input Error: CSV Error on Line: 12\nValue with unterminated quote found.',
  interrupt: 'INTERRUPT Error: Interrupted!',
};

describe('plainEngineError', () => {
  test.each(Object.entries(DUCKDB))('%s: plain words, no engine internals, under 300 characters', (_, message) => {
    const out = plainEngineError(message);
    expect(out).not.toMatch(/Binder|Parser|Conversion|Catalog|Invalid Input|INTERRUPT|Error:|SELECT|FROM|LINE 1|strict_mode|BIGINT|g\d_raw/);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).toMatch(/\.$/);
  });

  test('each kind of failure gets the advice that fits it', () => {
    expect(plainEngineError(DUCKDB.memory)).toMatch(/ran out of memory/);
    expect(plainEngineError(DUCKDB.unicode)).toMatch(/CSV UTF-8/);
    expect(plainEngineError(DUCKDB.csv)).toMatch(/couldn't be split into rows and columns/);
    expect(plainEngineError(DUCKDB.quote)).toMatch(/couldn't be split into rows and columns/);
    expect(plainEngineError(DUCKDB.conversion)).toMatch(/couldn't be read as a date or number/);
    expect(plainEngineError(DUCKDB.binder)).toMatch(/internal error, not a fault in your file/);
  });

  test('userMessage keeps an IngestError\'s own words and explains anything else', () => {
    expect(userMessage(new IngestError('"a.csv" is empty.'))).toBe('"a.csv" is empty.');
    expect(userMessage(new Error(DUCKDB.binder))).toBe(plainEngineError(DUCKDB.binder));
    expect(userMessage('Parser Error: x')).not.toContain('Parser');
  });
});

describe('IngestError', () => {
  test('a message is cut to 300 characters at a word', () => {
    const e = new IngestError('Columns found: ' + Array.from({ length: 200 }, (_, i) => `"Column ${i}"`).join(', ') + '.');
    expect(e.message.length).toBeLessThanOrEqual(300);
    expect(e.message).toMatch(/^Columns found: "Column 0", .*…$/);
    expect(e.message.length).toBeGreaterThan(250);
  });

  test('several files with problems: one message naming each, the problems kept for the screen', () => {
    const e = combinedError([{ file: 'a.csv', index: 0, text: 'A' }, { file: 'b.csv', index: 2, text: 'B', canLoadAnyway: true }]);
    expect(e.message).toBe('2 of the files were not loaded: "a.csv", "b.csv". Nothing was changed.');
    expect(e.problems.map((p) => p.file)).toEqual(['a.csv', 'b.csv']);
    expect(combinedError([{ file: 'a.csv', index: 0, text: 'Only A.' }]).message).toBe('Only A.');
  });

  test('named if they fit the message, else counted, else left out; never cut to read as more faulty files', () => {
    const long = (i: number) => `Fostering enquiries export ${i} April 2024 final v2.csv`;
    const text = 'A'.repeat(120);
    const counted = combinedError([{ file: 'a.csv', index: 0, text }], [long(1), long(2), long(3)]).message;
    expect(counted).toBe(`${text} 3 other files were read without problems but not loaded either: files chosen together are loaded together.`);
    expect(combinedError([{ file: 'a.csv', index: 0, text: 'B'.repeat(250) }], ['b.csv']).message).toBe('B'.repeat(250));
  });

  test('the files chosen with them that had no problem are named, as not loaded either', () => {
    expect(combinedError([{ file: 'a.csv', index: 0, text: 'Only A.' }], ['b.csv']).message)
      .toBe('Only A. "b.csv" was read without problems but not loaded either: files chosen together are loaded together.');
    expect(combinedError([{ file: 'a.csv', index: 0, text: 'A' }, { file: 'b.csv', index: 1, text: 'B' }], ['c.csv', 'd.csv']).message)
      .toBe('2 of the files were not loaded: "a.csv", "b.csv". Nothing was changed. "c.csv", "d.csv" were read without problems but not loaded either: files chosen together are loaded together.');
  });
});

describe('sanitiseMessage', () => {
  test('a view\'s message carrying engine text keeps its own words and explains the rest', () => {
    expect(sanitiseMessage(`Couldn't compute the overview: ${DUCKDB.binder}`)).toBe(`Couldn't compute the overview. ${plainEngineError(DUCKDB.binder)}`);
    expect(sanitiseMessage(`Couldn't build the report: ${DUCKDB.catalog}`)).not.toMatch(/Catalog|g3_raw/);
    expect(sanitiseMessage(DUCKDB.parser)).toBe(plainEngineError(DUCKDB.parser));
  });
  test('plain messages pass unchanged', () => {
    const plain = '"a.csv" is empty (0 bytes). Export it again from your case system and choose the new file.';
    expect(sanitiseMessage(plain)).toBe(plain);
    expect(sanitiseMessage("Couldn't find a column for the type of carer.")).toBe("Couldn't find a column for the type of carer.");
  });
});
