import { describe, expect, it } from 'vitest';
import { REPORT_MODES, reportMode, reportModeLabel } from '../../../src/lib/report/mode';

describe('report mode', () => {
  it('reads "internal" from the link and anything else as the version for publication', () => {
    expect(reportMode('internal')).toBe('internal');
    expect(reportMode('publication')).toBe('publication');
    expect(reportMode(undefined)).toBe('publication');
    expect(reportMode('INTERNAL')).toBe('publication');
  });

  it('labels each version as printed on every page', () => {
    expect(reportModeLabel('internal')).toBe('Internal (all figures)');
    expect(reportModeLabel('publication')).toBe('For publication (counts under 5 suppressed)');
    expect(REPORT_MODES.map((m) => m.id)).toEqual(['internal', 'publication']);
  });
});
