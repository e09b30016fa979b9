/**
 * Turns a header or label into comparable words: case, punctuation, number
 * words and common abbreviations are folded, so "Stage One Completed",
 * "stage_1_complete" and "STAGE 1 - COMPLETE" all read "stage 1 complete".
 */

const NUMBER_WORDS: Record<string, string> = {
  one: '1', first: '1', '1st': '1', i: '1',
  two: '2', second: '2', '2nd': '2', ii: '2',
  three: '3', third: '3', '3rd': '3',
};

const WORD_FORMS: Record<string, string> = {
  inquiry: 'enquiry', enquiries: 'enquiry', inquiries: 'enquiry', enq: 'enquiry',
  completed: 'complete', completion: 'complete', comp: 'complete',
  received: 'received', recd: 'received', rec: 'received',
  dt: 'date', dated: 'date', dates: 'date',
  ref: 'reference', refno: 'reference', reference: 'reference',
  num: 'number', nbr: 'number',
  apps: 'application', app: 'application', applications: 'application', applied: 'application',
  approve: 'approved', approval: 'approved', approvals: 'approved',
  visits: 'visit', visited: 'visit',
  ihv: 'initial home visit',
  roi: 'registration interest',
  adm: 'agency decision maker',
  dob: 'date birth',
  withdrawn: 'withdrawn', withdrew: 'withdrawn', withdrawal: 'withdrawn', withdraw: 'withdrawn',
  closure: 'closed', close: 'closed', closing: 'closed',
  counseled: 'counselled', counselling: 'counselled',
  stg: 'stage', stages: 'stage',
  ethnic: 'ethnicity', ethnicities: 'ethnicity', ethnicorigin: 'ethnicity',
  sexuality: 'sexual orientation', disabled: 'disability', disabilities: 'disability',
  faith: 'religion', religious: 'religion',
};

/** Normalised words of a name, e.g. "Stage One Completed" -> ["stage","1","complete"]. */
export function words(name: string): string[] {
  const spaced = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\bs([12])\b/g, 'stage $1')
    .replace(/\bstage(\d)\b/g, 'stage $1')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!spaced) return [];
  const out: string[] = [];
  for (const w of spaced.split(' ')) {
    const mapped = NUMBER_WORDS[w] ?? WORD_FORMS[w] ?? w;
    out.push(...mapped.split(' '));
  }
  return out;
}

/** Normalised name as one string, for display and remembered mappings. */
export function normalise(name: string): string {
  return words(name).join(' ');
}

/** True when every word of `phrase` appears, in order, in `ws`. */
export function hasPhrase(ws: readonly string[], phrase: string): boolean {
  const p = phrase.split(' ');
  outer: for (let i = 0; i + p.length <= ws.length; i++) {
    for (let j = 0; j < p.length; j++) if (ws[i + j] !== p[j]) continue outer;
    return true;
  }
  return false;
}

/** True when any of the phrases appears. */
export function hasAny(ws: readonly string[], phrases: readonly string[]): boolean {
  return phrases.some((p) => hasPhrase(ws, p));
}
