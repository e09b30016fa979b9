import { emptyRoles, type ColumnRoles, type ExportKind } from './mapping';
import { hasAny, words } from './normalise';
import { classifyStageLabel, classifyStatus } from './stages';
import { allEmpty, looksLikeDate, looksLikeMoney, share } from './values';

type SimpleRole = Exclude<keyof ColumnRoles, 'stageDates'>;

interface Column {
  name: string;
  ws: string[];
  values: string[];
  dateShare: number;
  empty: boolean;
}

const DATE_WORDS = ['date', 'on', 'when', 'received', 'complete', 'held', 'decision', 'day'];
const NOT_ID = ['mosaic', 'postcode', 'phone', 'telephone', 'mobile', 'email', 'ward', 'date', 'nhs', 'national insurance'];

/**
 * Guesses each column's part from its header (by meaning, not exact strings)
 * and a few sample values, and which shape of export the file is.
 */
export function detectRoles(header: readonly string[], sample: readonly string[][]): { kind: ExportKind; roles: ColumnRoles } {
  const cols: Column[] = header.map((name, i) => {
    const values = sample.map((r) => (r[i] ?? '').trim());
    return { name, ws: words(name), values, dateShare: share(values, looksLikeDate), empty: allEmpty(values) };
  });
  const roles = emptyRoles();
  const used = new Set<string>();
  const take = (role: SimpleRole, c: Column | undefined) => {
    if (c && !used.has(c.name) && roles[role] === null) {
      roles[role] = c.name;
      used.add(c.name);
    }
  };
  const free = () => cols.filter((c) => !used.has(c.name));
  const datey = (c: Column) => c.dateShare >= 0.6 || (c.empty && hasAny(c.ws, DATE_WORDS));
  const texty = (c: Column) => c.dateShare < 0.5;

  // Identity first: "Ref No", "Enquiry ID", "Reference", "Case number". Never "Mosaic".
  const idScore = (c: Column) => {
    if (hasAny(c.ws, NOT_ID) || datey(c)) return 0;
    if (hasAny(c.ws, ['reference', 'id', 'identifier', 'urn', 'case number', 'record number', 'enquiry number', 'person number', 'client number'])) return 3;
    if (hasAny(c.ws, ['number', 'no'])) return 1;
    return 0;
  };
  take('id', [...cols].filter((c) => idScore(c) > 0).sort((a, b) => idScore(b) - idScore(a))[0]);

  // Cost sheets: a campaign and a spend, no dates.
  take('campaign', free().find((c) => hasAny(c.ws, ['campaign']) && texty(c)));
  take('spend', free().find((c) => hasAny(c.ws, ['spend', 'spent', 'cost', 'costs', 'budget', 'amount']) && share(c.values, looksLikeMoney) >= 0.6));

  // "Date of Enquiry" is the enquiry date even when its values can't be read (they are reported, not hidden).
  take('enquiryDate', free().find((c) => hasAny(c.ws, ['enquiry', 'registration interest', 'registration of interest', 'first contact', 'initial contact', 'expression interest', 'expression of interest'])
    && (datey(c) || hasAny(c.ws, ['date'])) && !hasAny(c.ws, ['closed', 'withdrawn'])));

  // Wide stage dates: a stage-named column holding dates.
  for (const c of free()) {
    if (!datey(c)) continue;
    const m = classifyStageLabel(c.name);
    if (m.kind === 'stage' && m.stage !== 'enquiry' && !roles.stageDates[m.stage]) {
      roles.stageDates[m.stage] = c.name;
      used.add(c.name);
    }
  }
  take('exitDate', free().find((c) => datey(c) && hasAny(c.ws, ['closed', 'withdrawn', 'exit', 'end', 'ended', 'left', 'leaving'])));

  take('reason', free().find((c) => texty(c) && hasAny(c.ws, ['reason', 'why']) ));
  // The same id on several rows means one row per milestone: an event log.
  const idValues = roles.id ? (cols.find((c) => c.name === roles.id)?.values.filter((v) => v) ?? []) : [];
  const idsRepeat = new Set(idValues).size < idValues.length * 0.9;
  if (!idsRepeat) take('currentStage', free().find((c) => texty(c) && hasAny(c.ws, ['furthest stage', 'current stage', 'stage reached', 'latest stage', 'highest stage', 'last stage', 'stage'])
    && !hasAny(c.ws, ['status']) && stageLabelShare(c.values) >= 0.6));
  take('milestone', free().find((c) => texty(c) && hasAny(c.ws, ['milestone', 'event', 'activity', 'step', 'stage', 'task', 'action']) && stageLabelShare(c.values) >= 0.6));
  take('status', free().find((c) => texty(c) && hasAny(c.ws, ['status', 'outcome', 'result', 'state', 'decision']) && statusShare(c.values) >= 0.3)
    ?? free().find((c) => texty(c) && hasAny(c.ws, ['status', 'outcome'])));
  take('source', free().find((c) => texty(c) && hasAny(c.ws, ['hear', 'heard', 'source', 'channel', 'found out', 'find out', 'lead', 'referred by', 'referral', 'media'])));

  if (roles.milestone) take('milestoneDate', free().find((c) => datey(c) && !c.empty) ?? free().find(datey));
  if (!roles.enquiryDate && !roles.milestone) {
    // "Date received", "Date" alone: the enquiry date when nothing says otherwise.
    take('enquiryDate', free().find((c) => datey(c) && !c.empty && !hasAny(c.ws, ['birth', 'closed', 'withdrawn'])));
  }

  return { kind: guessKind(roles), roles };
}

function stageLabelShare(values: string[]): number {
  return share(values, (v) => classifyStageLabel(v).kind !== 'unknown');
}

function statusShare(values: string[]): number {
  return share(values, (v) => classifyStatus(v) !== null);
}

/** The file's shape from the roles found. */
export function guessKind(roles: ColumnRoles): ExportKind {
  if (roles.spend && roles.campaign && !roles.enquiryDate && !roles.milestone) return 'costs';
  if (roles.milestone && roles.milestoneDate) return 'events';
  if (Object.keys(roles.stageDates).length > 0) return 'wide';
  if (roles.currentStage) return 'status';
  return 'wide';
}
