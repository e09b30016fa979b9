import { describe, expect, test } from 'vitest';
import { STANDARD_STAGES, classifyStageLabel, classifyStatus } from '../../../src/lib/ingest/stages';

describe('STANDARD_STAGES', () => {
  test('the mainstream journey in order', () => {
    expect(STANDARD_STAGES.map((s) => s.id)).toEqual(['enquiry', 'initial_visit', 'application', 'stage1', 'stage2', 'panel', 'approved']);
  });
});

describe('classifyStageLabel', () => {
  test.each([
    ['Enquiry', 'enquiry'],
    ['Initial enquiry', 'enquiry'],
    ['Registration of Interest', 'enquiry'],
    ['Expression of interest', 'enquiry'],
    ['ROI', 'enquiry'],
    ['First contact', 'enquiry'],
    ['IHV', 'initial_visit'],
    ['Initial Home Visit', 'initial_visit'],
    ['Initial Home Visit Date', 'initial_visit'],
    ['Initial visit', 'initial_visit'],
    ['Home visit completed', 'initial_visit'],
    ['Application', 'application'],
    ['Application Received', 'application'],
    ['Formal application', 'application'],
    ['Stage 1 Complete', 'stage1'],
    ['Stage One Completed', 'stage1'],
    ['stage_1_complete', 'stage1'],
    ['Statutory checks complete', 'stage1'],
    ['Stage 2 Complete', 'stage2'],
    ['Stage Two Completed', 'stage2'],
    ['Form F assessment', 'stage2'],
    ['Assessment', 'stage2'],
    ['Stage 1 assessment', 'stage1'],
    ['Stage 1 assessment - checks underway', 'stage1'],
    ['Stage 2 assessment', 'stage2'],
    ['Fostering Panel', 'panel'],
    ['Panel Date', 'panel'],
    ['Awaiting panel', 'panel'],
    ['Approved', 'approved'],
    ['ADM Decision Date', 'approved'],
    ['ADM decision - approved', 'approved'],
    ['Agency decision maker', 'approved'],
    ['Approval', 'approved'],
  ])('%s is stage %s', (label, stage) => {
    expect(classifyStageLabel(label)).toEqual({ kind: 'stage', stage });
  });

  test.each([
    'Withdrawn', 'Closed', 'NFA', 'Closed - Not Proceeding', 'Not proceeding', 'No further action', 'Counselled out',
    'Application withdrawn', 'Withdrew at stage 2', 'Not approved', 'Panel - not suitable', 'Lost contact', 'Deregistered',
    'Declined', 'Enquiry closed',
  ])('%s is an exit', (label) => {
    expect(classifyStageLabel(label)).toEqual({ kind: 'exit' });
  });

  test.each(['On Hold', 'In progress', 'Information pack', 'Other', '', '  ', '123'])('%j is unknown', (label) => {
    expect(classifyStageLabel(label)).toEqual({ kind: 'unknown' });
  });
});

describe('classifyStatus', () => {
  test.each([
    ['Approved', 'approved'],
    ['APPROVED', 'approved'],
    ['Approved at panel', 'approved'],
    ['ADM decision', 'approved'],
    ['Withdrawn', 'left'],
    ['Closed', 'left'],
    ['Closed - Not Proceeding', 'left'],
    ['NFA', 'left'],
    ['No further action', 'left'],
    ['Counselled out', 'left'],
    ['Not approved', 'left'],
    ['Panel - not suitable', 'left'],
    ['Unsuitable', 'left'],
    ['Lost contact', 'left'],
    ['Applicant withdrew', 'left'],
    // Closed administratively, though the words "enquiry" or "assessment" name a stage.
    ['Duplicate', 'left'],
    ['Duplicate enquiry', 'left'],
    ['Redirected to kinship', 'left'],
    ['Kinship assessment', 'left'],
    ['Connected person assessment', 'left'],
    ['On Hold', 'open'],
    ['on hold - house move', 'open'],
    ['Paused', 'open'],
    ['In progress', 'open'],
    ['  in   progress ', 'open'],
    ['Open', 'open'],
    ['Active', 'open'],
    ['Awaiting panel', 'open'],
    ['Stage 1', 'open'],
    ['Assessment', 'open'],
    ['IHV', 'open'],
    ['New', 'open'],
  ])('%s is %s', (value, outcome) => {
    expect(classifyStatus(value)).toBe(outcome);
  });

  test.each(['', ' ', 'Other', 'Unknown', 'See notes'])('%j is not recognised', (value) => {
    expect(classifyStatus(value)).toBeNull();
  });
});
