import { describe, expect, test } from 'vitest';
import { setAsideCounted, setAsideLabel, setAsideSentence } from '../../../src/lib/findings/setAside';

describe('what a view says of duplicate and kinship closes', () => {
  test('set aside: how many are left out, of each kind there is', () => {
    expect(setAsideSentence({ DUPLICATE: 12, KINSHIP: 3 }, true))
      .toBe('Left out of every figure: 12 enquiries closed as duplicates of another and 3 redirected to a kinship (connected person) assessment.');
    expect(setAsideSentence({ DUPLICATE: 1, KINSHIP: 0 }, true)).toBe('Left out of every figure: 1 enquiry closed as a duplicate of another.');
    expect(setAsideSentence({ DUPLICATE: 0, KINSHIP: 1 }, true)).toBe('Left out of every figure: 1 enquiry redirected to a kinship (connected person) assessment.');
    expect(setAsideSentence({ DUPLICATE: 0, KINSHIP: 0 }, true)).toMatch(/there are none among these enquiries/);
  });

  test('counted: said among those who left, and nothing said when there are none', () => {
    expect(setAsideSentence({ DUPLICATE: 1234, KINSHIP: 2 }, false))
      .toBe('Counted among those who left: 1,234 enquiries closed as duplicates of another and 2 redirected to a kinship (connected person) assessment, though none is a prospective carer lost to mainstream fostering.');
    expect(setAsideSentence({ DUPLICATE: 1, KINSHIP: 0 }, false)).toBe('Counted among those who left: 1 enquiry closed as a duplicate of another, though it is not a prospective carer lost to mainstream fostering.');
    expect(setAsideSentence({ DUPLICATE: 0, KINSHIP: 0 }, false)).toBeNull();
    expect(setAsideSentence({ DUPLICATE: 57, KINSHIP: 109 }, false, 3182)).toMatch(/^Counted among the 3,182 who left: 57 enquiries closed as duplicates/);
  });

  test('a report or summary names how many, "<5" for 1-4 when published, or that there are none', () => {
    expect(setAsideLabel({ DUPLICATE: 12, KINSHIP: 3 }, false))
      .toBe('Left out of the figures: 12 enquiries closed as duplicates of another and 3 redirected to a kinship (connected person) assessment');
    expect(setAsideLabel({ DUPLICATE: 12, KINSHIP: 3 }, true))
      .toBe('Left out of the figures: 12 enquiries closed as duplicates of another and <5 redirected to a kinship (connected person) assessment');
    expect(setAsideCounted({ DUPLICATE: 1, KINSHIP: 0 }, true)).toBe('<5 enquiries closed as duplicates of another');
    expect(setAsideCounted({ DUPLICATE: 1, KINSHIP: 0 }, false)).toBe('1 enquiry closed as a duplicate of another');
    expect(setAsideCounted({ DUPLICATE: 0, KINSHIP: 0 }, true)).toBe('duplicate enquiries and kinship redirects, none among these enquiries');
  });
});
