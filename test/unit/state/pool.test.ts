import { describe, expect, test } from 'vitest';
import { poolFromUi, poolToUi } from '../../../src/lib/state/pool';
import { fromSearch, toSearch } from '../../../src/lib/state/url';

describe('pooled groups in the link', () => {
  test('round trip, names with "|" and "%" included', () => {
    const pool = { column: 'Ethnicity | self-described', members: ['Black African', 'Asian 100%', 'Mixed|Other'] };
    expect(poolFromUi(poolToUi(pool))).toEqual(pool);
  });

  test('no members or no column is no pool', () => {
    expect(poolToUi({ column: 'Ethnicity', members: [] })).toBe('');
    expect(poolToUi(null)).toBe('');
    expect(poolFromUi('')).toBeNull();
    expect(poolFromUi('Ethnicity')).toBeNull();
  });

  test('duplicates are dropped; it survives a whole link', () => {
    expect(poolFromUi(poolToUi({ column: 'E', members: ['A', 'A', 'B'] }))).toEqual({ column: 'E', members: ['A', 'B'] });
    const st = fromSearch('?view=equality');
    st.ui.pool = poolToUi({ column: 'Ethnicity', members: ['Black African', 'Asian Indian'] });
    expect(poolFromUi(fromSearch(toSearch(st)).ui.pool)).toEqual({ column: 'Ethnicity', members: ['Black African', 'Asian Indian'] });
  });
});
