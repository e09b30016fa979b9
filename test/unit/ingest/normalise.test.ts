import { describe, expect, test } from 'vitest';
import { hasAny, hasPhrase, normalise, words } from '../../../src/lib/ingest/normalise';

describe('words', () => {
  test.each([
    ['Stage One Completed', ['stage', '1', 'complete']],
    ['stage_1_complete', ['stage', '1', 'complete']],
    ['STAGE 1 - COMPLETE', ['stage', '1', 'complete']],
    ['Stage2', ['stage', '2']],
    ['S1 Complete', ['stage', '1', 'complete']],
    ['Stage Two Completed', ['stage', '2', 'complete']],
    ['Second Visit', ['2', 'visit']],
    ['3rd reference', ['3', 'reference']],
  ])('number words: %s', (name, expected) => {
    expect(words(name)).toEqual(expected);
  });

  test.each([
    ['  Ref No  ', ['reference', 'no']],
    ['Ref. No.', ['reference', 'no']],
    ['Date of Enquiry', ['date', 'of', 'enquiry']],
    ['DateOfEnquiry', ['date', 'of', 'enquiry']],
    ['Date_Of_Inquiry', ['date', 'of', 'enquiry']],
    ['ENQUIRY ID', ['enquiry', 'id']],
    ['How did you hear about us?', ['how', 'did', 'you', 'hear', 'about', 'us']],
    ['Enquiries & Applications', ['enquiry', 'and', 'application']],
    ['Reason for Closure', ['reason', 'for', 'closed']],
    ['Application Rec\'d', ['application', 'received', 'd']],
    ['ADM Decision Date', ['agency', 'decision', 'maker', 'decision', 'date']],
    ['IHV', ['initial', 'home', 'visit']],
    ['ROI date', ['registration', 'interest', 'date']],
    ['DOB', ['date', 'birth']],
    ['Café', ['cafe']],
    ['Ethnic Origin', ['ethnicity', 'origin']],
    ['Withdrawal reason', ['withdrawn', 'reason']],
  ])('case, punctuation and word forms: %s', (name, expected) => {
    expect(words(name)).toEqual(expected);
  });

  test('nothing but punctuation gives no words', () => {
    expect(words('')).toEqual([]);
    expect(words(' - / ')).toEqual([]);
  });
});

describe('normalise', () => {
  test('differently written names read the same', () => {
    const forms = ['Stage One Completed', 'stage_1_complete', 'STAGE 1 - COMPLETE', 'Stage 1 Complete', 'stage1completed'];
    expect(forms.map(normalise).slice(0, 4)).toEqual(Array(4).fill('stage 1 complete'));
    expect(normalise('Date Enquiry Received')).toBe('date enquiry received');
    expect(normalise('Enquiry Ref')).toBe(normalise('enquiry reference'));
  });
});

describe('hasPhrase and hasAny', () => {
  const ws = words('Initial Home Visit Date');
  test('whole words in order, anywhere in the name', () => {
    expect(hasPhrase(ws, 'home visit')).toBe(true);
    expect(hasPhrase(ws, 'initial visit')).toBe(false);
    expect(hasPhrase(ws, 'visit home')).toBe(false);
    expect(hasPhrase(ws, 'date')).toBe(true);
    expect(hasPhrase(ws, 'dat')).toBe(false);
    expect(hasPhrase([], 'date')).toBe(false);
  });
  test('any of several phrases', () => {
    expect(hasAny(ws, ['panel', 'home visit'])).toBe(true);
    expect(hasAny(ws, ['panel', 'approved'])).toBe(false);
    expect(hasAny(ws, [])).toBe(false);
  });
});
