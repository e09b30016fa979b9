import { describe, expect, test } from 'vitest';
import { defaultSettings, stepNamer } from '../../../src/lib/funnel/settings';
import { hiding } from './fixtures';

describe('stepNamer', () => {
  test('the step into a visible stage, from the visible stage before it', () => {
    const name = stepNamer(defaultSettings());
    expect(name('initial_visit')).toBe('Enquiry → Initial visit');
    expect(name('enquiry')).toBe(' → Enquiry');
    // A hidden stage is no step: the one after it comes from the stage before.
    expect(stepNamer(hiding('initial_visit'))('application')).toBe('Enquiry → Application');
    expect(name('nowhere')).toBe(' → nowhere');
  });
});
