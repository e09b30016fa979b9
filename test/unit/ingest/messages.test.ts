import { describe, expect, test } from 'vitest';
import { capMessage, countOf, quoted, shortList } from '../../../src/lib/ingest/messages';

describe('messages', () => {
  test('counts with the right noun', () => {
    expect(countOf(1, 'enquiry', 'enquiries')).toBe('1 enquiry');
    expect(countOf(0, 'enquiry', 'enquiries')).toBe('0 enquiries');
    expect(countOf(2078, 'enquiry', 'enquiries')).toBe('2,078 enquiries');
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(3, 'row')).toBe('3 rows');
  });

  test('a short list is given whole, a long one as a count and examples', () => {
    expect(shortList(['A', 'B', 'C'], 'column')).toBe('"A", "B", "C"');
    expect(shortList([], 'column')).toBe('no columns');
    const many = Array.from({ length: 24 }, (_, i) => `Col ${i + 1}`);
    expect(shortList(many, 'column')).toBe('24 columns, e.g. "Col 1", "Col 2", "Col 3", "Col 4"…');
  });

  test('a very long name is cut short in a message', () => {
    expect(quoted('x'.repeat(300))).toBe(`"${'x'.repeat(39)}…"`);
    expect(quoted('a\n  b')).toBe('"a b"');
  });

  test('a message is capped at 300 characters, at a word', () => {
    const long = 'word '.repeat(100);
    const out = capMessage(long);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.endsWith('word…')).toBe(true);
    expect(capMessage('short.')).toBe('short.');
  });
});
