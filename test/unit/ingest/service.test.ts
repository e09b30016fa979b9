import { describe, expect, test } from 'vitest';
import { fileServices, isServiceColumn, serviceFromFileName } from '../../../src/lib/ingest/service';

describe('service of a file', () => {
  test('from file names: dates, numbers and export words dropped', () => {
    expect(serviceFromFileName('bristol-enquiries-2024.csv')).toBe('Bristol');
    expect(serviceFromFileName('North Somerset fostering export 12-03-2025.xlsx')).toBe('North Somerset');
    expect(serviceFromFileName('BCP_Enquiries_Q2_2024.csv')).toBe('BCP');
    expect(serviceFromFileName('2023.csv')).toBe('');
    expect(serviceFromFileName('enquiries export.csv')).toBe('');
    expect(serviceFromFileName('south-gloucestershire.csv')).toBe('South Gloucestershire');
    expect(serviceFromFileName('sample-hub-westmere.csv')).toBe('Westmere');
  });

  test('one service unless the names differ; a chosen name wins', () => {
    expect(fileServices(['2022.csv', '2023.csv'])).toEqual([null, null]);
    expect(fileServices(['bristol-2022.csv', 'bristol-2023.csv'])).toEqual([null, null]);
    expect(fileServices(['bristol.csv', 'bath.csv'])).toEqual(['Bristol', 'Bath']);
    expect(fileServices(['bristol.csv', '2023.csv'])).toEqual(['Bristol', '2023.csv']);
    expect(fileServices(['a-2022.csv', 'b-2022.csv'], ['Bristol', null])).toEqual(['Bristol', 'B']);
    expect(fileServices(['x.csv', 'y.csv'], ['Same', 'Same'])).toEqual([null, null]);
    expect(fileServices(['only.csv'])).toEqual([null]);
  });

  test('columns that name the service', () => {
    for (const c of ['Service', 'Fostering Service', 'Local Authority', 'Council', 'LA Name', 'Agency name']) expect(isServiceColumn(c), c).toBe(true);
    for (const c of ['Service user ID', 'Source', 'Campaign', 'Ethnicity', 'Date of Enquiry']) expect(isServiceColumn(c), c).toBe(false);
    for (const c of ['Local authority name', 'Council name', 'Organisation', 'Hub member', 'Name of service']) expect(isServiceColumn(c), c).toBe(true);
    // A column that merely mentions a council or an organisation says something else.
    for (const c of ['Council tax band', 'Referring organisation', 'Previous fostering service', 'Customer service rating', 'Service type']) expect(isServiceColumn(c), c).toBe(false);
  });
});
