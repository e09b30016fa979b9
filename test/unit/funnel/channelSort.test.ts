import { describe, expect, it } from 'vitest';
import { channelSortText, DEFAULT_CHANNEL_SORT, nextSort, parseChannelSort, sortChannels, CHANNEL_SORT_KEYS } from '../../../src/lib/funnel/channelSort';
import { BLANK } from '../../../src/lib/funnel/filters';
import { channelRow } from './channelRow';

const rows = [
  channelRow(BLANK, 2482, 300, 145),
  channelRow('Digital Always-On', 467, 60, 16, 31_200),
  channelRow('community champions', 151, 40, 18, 18_600),
  channelRow('Spring Radio 2023', 230, 20, 5, 42_500),
  channelRow('Bus Shelter Posters 2025', 58, 6, 0, 14_200),
  channelRow('Word of mouth', 40, 5, 2),
];
const names = (s: ReturnType<typeof sortChannels>) => s.named.map((r) => r.name);

describe('sortChannels', () => {
  it('keeps the blank group apart, whatever the order', () => {
    for (const key of CHANNEL_SORT_KEYS) {
      for (const dir of ['ascending', 'descending'] as const) {
        const s = sortChannels(rows, { key, dir });
        expect(s.blank?.name).toBe(BLANK);
        expect(names(s)).not.toContain(BLANK);
        expect(s.named).toHaveLength(rows.length - 1);
      }
    }
  });

  it('sorts by a count either way, and by name without regard to case', () => {
    expect(names(sortChannels(rows, DEFAULT_CHANNEL_SORT))).toEqual(['Digital Always-On', 'Spring Radio 2023', 'community champions', 'Bus Shelter Posters 2025', 'Word of mouth']);
    expect(names(sortChannels(rows, { key: 'enquiries', dir: 'ascending' }))[0]).toBe('Word of mouth');
    expect(names(sortChannels(rows, { key: 'name', dir: 'ascending' }))).toEqual(['Bus Shelter Posters 2025', 'community champions', 'Digital Always-On', 'Spring Radio 2023', 'Word of mouth']);
  });

  it('puts undefined values (no spend, no approvals) last in both directions', () => {
    const up = names(sortChannels(rows, { key: 'cost_per_approval', dir: 'ascending' }));
    expect(up).toEqual(['community champions', 'Digital Always-On', 'Spring Radio 2023', 'Bus Shelter Posters 2025', 'Word of mouth']);
    const down = names(sortChannels(rows, { key: 'cost_per_approval', dir: 'descending' }));
    expect(down.slice(0, 3)).toEqual(['Spring Radio 2023', 'Digital Always-On', 'community champions']);
    expect(down.slice(3).sort()).toEqual(['Bus Shelter Posters 2025', 'Word of mouth']);
  });

  it('sorts by a rate', () => {
    expect(names(sortChannels(rows, { key: 'enquiry_to_application', dir: 'descending' }))[0]).toBe('community champions');
  });
});

describe('sort state', () => {
  it('a first click sorts counts highest first and costs lowest first; a second reverses', () => {
    expect(nextSort(DEFAULT_CHANNEL_SORT, 'approvals')).toEqual({ key: 'approvals', dir: 'descending' });
    expect(nextSort(DEFAULT_CHANNEL_SORT, 'cost_per_approval')).toEqual({ key: 'cost_per_approval', dir: 'ascending' });
    expect(nextSort({ key: 'cost_per_approval', dir: 'ascending' }, 'cost_per_approval')).toEqual({ key: 'cost_per_approval', dir: 'descending' });
    expect(nextSort(DEFAULT_CHANNEL_SORT, 'enquiries')).toEqual({ key: 'enquiries', dir: 'ascending' });
  });

  it('round-trips through the link, with the default left out and nonsense ignored', () => {
    expect(channelSortText(DEFAULT_CHANNEL_SORT)).toBe('');
    const s = { key: 'cost_per_approval', dir: 'descending' } as const;
    expect(parseChannelSort(channelSortText(s))).toEqual(s);
    expect(parseChannelSort('')).toEqual(DEFAULT_CHANNEL_SORT);
    expect(parseChannelSort('drop table:ascending')).toEqual(DEFAULT_CHANNEL_SORT);
    expect(parseChannelSort('spend')).toEqual({ key: 'spend', dir: 'descending' });
  });
});
