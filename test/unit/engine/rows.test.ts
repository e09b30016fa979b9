import { describe, expect, test } from 'vitest';
import { testEngine } from '../../helpers/engine';

describe('arrowToRows', () => {
  test('a list keeps its NULLs, of numbers as of text', async () => {
    const e = await testEngine();
    const [r] = await e.query(`SELECT [1, NULL, 3]::INTEGER[] AS ints, [NULL, 2.5]::DOUBLE[] AS doubles, ['a', NULL] AS texts, NULL::INTEGER[] AS nothing`);
    expect(r).toEqual({ ints: [1, null, 3], doubles: [null, 2.5], texts: ['a', null], nothing: null });
  });

  test('big integers become numbers', async () => {
    const e = await testEngine();
    const [r] = await e.query(`SELECT 42::BIGINT AS n, count(*) AS c FROM range(3)`);
    expect(r).toEqual({ n: 42, c: 3 });
  });
});
