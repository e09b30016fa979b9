import { describe, expect, it, test } from 'vitest';
import { fmtChange, fmtDate, fmtDateInput, fmtEstimate, fmtList, fmtPct, fmtPIs, fmtPoints, fmtSigned, parseDateInput, readNumberInput, withArticle } from '../../src/lib/format';

describe('dates', () => {
  test('shown as "1 Apr 2023", typed as dd/mm/yyyy', () => {
    expect(fmtDate('2023-04-01')).toBe('1 Apr 2023');
    expect(fmtDateInput('2023-04-01')).toBe('01/04/2023');
    expect(fmtDateInput(null)).toBe('');
  });

  test('dd/mm/yyyy is read day first whatever the locale; ISO and two-digit years too', () => {
    expect(parseDateInput('01/04/2023')).toEqual({ iso: '2023-04-01' });
    expect(parseDateInput(' 1/4/23 ')).toEqual({ iso: '2023-04-01' });
    expect(parseDateInput('31-03-2024')).toEqual({ iso: '2024-03-31' });
    expect(parseDateInput('29.02.2024')).toEqual({ iso: '2024-02-29' });
    expect(parseDateInput('2023-04-01')).toEqual({ iso: '2023-04-01' });
    expect(parseDateInput(fmtDateInput('2025-12-09'))).toEqual({ iso: '2025-12-09' });
  });

  test('a bad date gets a plain-English error', () => {
    expect(parseDateInput('04/31/2023')).toMatchObject({ error: expect.stringContaining('day first') });
    expect(parseDateInput('29/02/2023')).toMatchObject({ error: expect.stringContaining('There is no 29/02/2023') });
    expect(parseDateInput('April 2023')).toMatchObject({ error: expect.stringContaining('day/month/year') });
    expect(parseDateInput('01/01/1066')).toMatchObject({ error: expect.stringContaining('check the year') });
  });
});

describe('numbers', () => {
  test('percentages: one decimal under 10%, never "0.0%"', () => {
    expect(fmtPct(0.058)).toBe('5.8%');
    expect(fmtPct(0.114)).toBe('11%');
    expect(fmtPct(0)).toBe('0%');
    expect(fmtPct(0.0002)).toBe('<0.1%');
    expect(fmtPct(null)).toBe('–');
  });

  test('estimates: one decimal under 10, whole above, zero is "0"', () => {
    expect(fmtEstimate(0)).toBe('0');
    expect(fmtEstimate(0.01)).toBe('0');
    expect(fmtEstimate(3.46)).toBe('3.5');
    expect(fmtEstimate(12.6)).toBe('13');
    expect(fmtEstimate(1234.2)).toBe('1,234');
  });

  test('changes carry a sign', () => {
    expect(fmtChange(1.123)).toBe('+12%');
    expect(fmtChange(0.92)).toBe('−8%');
    expect(fmtChange(1.001)).toBe('no change');
    expect(fmtPoints(0.031)).toBe('+3.1 points');
    expect(fmtPoints(-0.12)).toBe('−12 points');
    expect(fmtSigned(-1200)).toBe('−1,200');
    expect(fmtSigned(3)).toBe('+3');
  });
});

describe('p-values', () => {
  test('said in a sentence under their name: "p < 0.001", never "p = <0.001"', () => {
    expect(fmtPIs(0.0004, 'adjusted p')).toBe('adjusted p < 0.001');
    expect(fmtPIs(0.0421, 'adjusted p')).toBe('adjusted p = 0.042');
    expect(fmtPIs(null)).toBe('p: –');
  });
});

describe('articles', () => {
  test('"an" before a vowel, "a" otherwise', () => {
    expect(withArticle('initial visit')).toBe('an initial visit');
    expect(withArticle('Application')).toBe('an Application');
    expect(withArticle('panel')).toBe('a panel');
    expect(withArticle('stage 2')).toBe('a stage 2');
  });
});

describe('fmtList', () => {
  test('items as a sentence lists them', () => {
    expect(fmtList([])).toBe('');
    expect(fmtList(['Westmere'])).toBe('Westmere');
    expect(fmtList(['Eastbrook', 'Northvale'])).toBe('Eastbrook and Northvale');
    expect(fmtList(['A', 'B', 'C'])).toBe('A, B and C');
  });
});

describe('readNumberInput', () => {
  it('reads a whole number in range, and says what to type otherwise', () => {
    expect(readNumberInput(' 90 ', { min: 1, max: 3650 })).toEqual({ value: 90 });
    expect(readNumberInput('-5', { min: 1, max: 3650, unit: 'days' })).toEqual({ error: 'Enter a whole number of days from 1 to 3,650.' });
    expect(readNumberInput('2.5', { min: 1, max: 10 })).toEqual({ error: 'Enter a whole number from 1 to 10.' });
    expect(readNumberInput('2.5', { min: 1, max: 10, whole: false })).toEqual({ value: 2.5 });
    expect(readNumberInput('abc', { min: 0, max: 3650 })).toHaveProperty('error');
  });
  it('an empty box is nothing when allowed, and an error when not', () => {
    expect(readNumberInput('  ', { min: 1, max: 3650, allowEmpty: true })).toEqual({ value: null });
    expect(readNumberInput('', { min: 1, max: 3650, unit: 'days' })).toEqual({ error: 'Enter a whole number of days from 1 to 3,650.' });
    expect(readNumberInput('0', { min: 1, max: 3650, allowEmpty: true, unit: 'days' })).toEqual({ error: 'Enter a whole number of days from 1 to 3,650, or leave it empty.' });
  });
});

