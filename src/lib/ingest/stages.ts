import { hasAny, words } from './normalise';

/** The standard mainstream fostering journey, in order. */
export const STANDARD_STAGES = [
  { id: 'enquiry', name: 'Enquiry' },
  { id: 'initial_visit', name: 'Initial visit' },
  { id: 'application', name: 'Application' },
  { id: 'stage1', name: 'Stage 1 complete' },
  { id: 'stage2', name: 'Stage 2 complete' },
  { id: 'panel', name: 'Panel' },
  { id: 'approved', name: 'Approved' },
] as const;

export type StandardStageId = (typeof STANDARD_STAGES)[number]['id'];
export type StageId = string;

/** What a milestone, stage or status label means. */
export type LabelMeaning = { kind: 'stage'; stage: StageId } | { kind: 'exit' } | { kind: 'unknown' };

const EXIT_PHRASES = [
  'withdrawn', 'closed', 'not proceeding', 'not proceed', 'nfa', 'further action', 'counselled out',
  'not suitable', 'unsuitable', 'rejected', 'declined', 'ended', 'lost contact', 'refused',
  'cancelled', 'not approved', 'no longer', 'exit', 'left', 'deregistered', 'terminated', 'dropped out',
  // Closed administratively: a duplicate of another enquiry, or passed to the kinship (connected person) route.
  'duplicate', 'duplicated', 'kinship', 'connected person', 'connected persons', 'special guardianship', 'sgo', 'redirected',
];

// Checked in this order: the most specific stage first ("ADM decision - approved" is approval, not panel).
const STAGE_RULES: { stage: StandardStageId; phrases: string[] }[] = [
  { stage: 'approved', phrases: ['approved', 'agency decision maker', 'agency decision', 'decision maker'] },
  { stage: 'panel', phrases: ['panel'] },
  { stage: 'stage2', phrases: ['stage 2', 'form f', 'full assessment', 'assessment complete'] },
  { stage: 'stage1', phrases: ['stage 1', 'checks complete', 'statutory checks', 'checks'] },
  // "Assessment" alone is Stage 2's, but only after Stage 1's own words: "Stage 1 assessment" is Stage 1.
  { stage: 'stage2', phrases: ['assessment'] },
  { stage: 'application', phrases: ['application', 'apply', 'formal application'] },
  { stage: 'initial_visit', phrases: ['initial visit', 'home visit', 'initial home visit', 'visit', 'initial interview'] },
  { stage: 'enquiry', phrases: ['enquiry', 'registration interest', 'registration of interest', 'registered interest', 'expression interest', 'expression of interest', 'first contact', 'initial contact', 'contact'] },
];

/**
 * Reads a stage or milestone label ("Stage One Completed", "Fostering Panel",
 * "IHV", "NFA", "Withdrawn") as a stage of the standard journey or an exit.
 */
export function classifyStageLabel(label: string): LabelMeaning {
  const ws = words(label);
  if (ws.length === 0) return { kind: 'unknown' };
  if (hasAny(ws, ['not approved'])) return { kind: 'exit' };
  for (const rule of STAGE_RULES) {
    if (hasAny(ws, rule.phrases)) {
      // "Application withdrawn" is an exit event, not the application itself.
      if (rule.stage !== 'approved' && hasAny(ws, EXIT_PHRASES)) return { kind: 'exit' };
      return { kind: 'stage', stage: rule.stage };
    }
  }
  if (hasAny(ws, EXIT_PHRASES)) return { kind: 'exit' };
  return { kind: 'unknown' };
}

/** What a status/outcome value says about where the enquiry ended up. */
export type Outcome = 'approved' | 'left' | 'open';

const OPEN_PHRASES = [
  'in progress', 'progress', 'open', 'on hold', 'hold', 'active', 'ongoing', 'pending', 'awaiting',
  'current', 'paused', 'live', 'new', 'allocated', 'waiting',
  // A status that names a stage means the enquiry is still at that stage.
  'assessment', 'stage', 'application', 'visit', 'enquiry', 'panel',
];

/**
 * Reads a status value ("Closed - Not Proceeding", "NFA", "On Hold",
 * "In progress", "Approved") as approved, left or open; null when unknown.
 */
export function classifyStatus(value: string): Outcome | null {
  const ws = words(value);
  if (ws.length === 0) return null;
  if (hasAny(ws, ['not approved', 'not suitable', 'unsuitable'])) return 'left';
  if (hasAny(ws, ['on hold', 'hold', 'paused'])) return 'open';
  if (hasAny(ws, EXIT_PHRASES)) return 'left';
  if (hasAny(ws, ['approved', 'agency decision maker'])) return 'approved';
  if (hasAny(ws, OPEN_PHRASES)) return 'open';
  return null;
}
