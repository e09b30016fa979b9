import { describe, expect, it } from 'vitest';
import { fromSearch, joinList, splitList, toSearch, type ViewState } from '../../../src/lib/state/url';
import { defaultSettings } from '../../../src/lib/funnel/settings';
import { BLANK } from '../../../src/lib/funnel/filters';

const plain = (): ViewState => ({ view: 'overview', filters: {}, settings: defaultSettings(), ui: {}, source: null, data: [] });

describe('links', () => {
  it('the default view is an empty query string', () => {
    expect(toSearch(plain())).toBe('');
    expect(fromSearch('')).toEqual(plain());
  });

  it('carry the whole view state and read it back', () => {
    const settings = defaultSettings();
    settings.stages = settings.stages.map((s) => (s.id === 'stage2' ? { ...s, hidden: true } : s.id === 'panel' ? { ...s, name: 'Fostering Panel | ADM' } : s));
    settings.stages.splice(3, 0, { id: 'skills_to_foster', name: 'Skills to Foster: 3 days', hidden: false });
    Object.assign(settings, { asOf: '2025-03-31', stalledDays: 45, stalledDaysByStage: { application: 90, skills_to_foster: 14 }, panelStandardMonths: 6, visitStandardWorkingDays: 5, setAside: true });
    const st: ViewState = {
      view: 'campaigns',
      filters: { from: '2023-04-01', to: '2024-03-31', campaigns: ['Spring Radio', BLANK], sources: ['Web'], attributes: { Ethnicity: ['Asian', 'Mixed'] } },
      settings,
      ui: { by: 'campaign', pick: joinList(['A | B', 'C']) },
      source: { files: ['enquiries 2024|25.csv', 'costs.csv'], rows: 1234, columns: ['Ref No', 'Date of Enquiry', 'A|B'] },
      data: ['exports/enquiries.csv'],
    };
    const back = fromSearch(toSearch(st));
    expect(back).toEqual(st);
    expect(splitList(back.ui.pick)).toEqual(['A | B', 'C']);
  });

  it('ignore what they cannot read, keeping the defaults', () => {
    const d = defaultSettings();
    const st = fromSearch('?view=nowhere&from=31/03/2024&asof=soon&stalled=-3&stalledby=application:0,stage1:x,Bad Id:5,panel:30&stages=enquiry:Only');
    expect(st.view).toBe('overview');
    expect(st.filters).toEqual({});
    expect(st.settings).toEqual({ ...d, stalledDaysByStage: { panel: 30 } });
  });

  it('read links made before names were escaped', () => {
    expect(splitList('a.csv|b%.csv')).toEqual(['a.csv', 'b%.csv']);
    expect(fromSearch('?stages=enquiry:Enquiry|!initial_visit:Visit|approved:Approved').settings.stages.map((s) => [s.id, s.hidden]))
      .toEqual([['enquiry', false], ['initial_visit', true], ['approved', false]]);
  });

  it('name a blank value with an empty parameter, never "(blank)", and still read old "(blank)" links', () => {
    const st: ViewState = { ...plain(), filters: { campaigns: [BLANK, 'Radio'], attributes: { Ethnicity: [BLANK] } } };
    const search = toSearch(st);
    expect(search).not.toContain('blank');
    expect(search).toBe('?campaign=&campaign=Radio&f.Ethnicity=');
    expect(fromSearch(search)).toEqual(st);
    expect(fromSearch('?campaign=(blank)&source=%28blank%29').filters).toEqual({ campaigns: [BLANK], sources: [BLANK] });
  });
});

describe('duplicates and kinship set aside in links', () => {
  it('travel as setaside=1, never with the reason corrections behind them (those stay in this browser)', () => {
    const settings = { ...defaultSettings(), setAside: true, setAsideOverrides: { 'Family arrangement': 'KINSHIP' as const } };
    const search = toSearch({ ...plain(), settings });
    expect(search).toBe('?setaside=1');
    expect(fromSearch(search).settings).toEqual({ ...defaultSettings(), setAside: true });
    expect(fromSearch('?setaside=yes').settings.setAside).toBe(false);
  });
});

describe('targets in links', () => {
  it('travel in the link and read back the same', () => {
    const st: ViewState = { ...plain(), targets: { approvalsPerYear: 60, enquiryToApplication: 0.125, panelWithinStandard: 0.9, visitWithinStandard: 0.8 } };
    const search = toSearch(st);
    expect(search).toBe('?t.approvals=60&t.apprate=12.5&t.panel=90&t.visit=80');
    expect(fromSearch(search)).toEqual(st);
  });

  it('are left out when unset and ignored when unreadable', () => {
    expect(fromSearch('').targets).toBeUndefined();
    expect(fromSearch('?t.approvals=-3&t.apprate=150&t.panel=abc&t.visit=0').targets).toBeUndefined();
    expect(fromSearch('?t.approvals=12.5&t.visit=75').targets).toEqual({ visitWithinStandard: 0.75 });
  });
});
