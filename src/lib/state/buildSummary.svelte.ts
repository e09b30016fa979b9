import { setAsideLabel } from '../findings/setAside';
import { setAsideMetric, setAsideTotals } from '../funnel/setAside';
import type { AppState } from './app.svelte';
import { BLANK } from '../funnel/filters';
import type { ViewId } from './url';
import { serviceColumn } from '../ingest/service';
import { pubCount, type Summary } from './summary';
import { channelGrouping, viewChoices } from './viewChoices';
import { summaryDataMetric, type SummaryParams, type SummaryView } from '../report/summaryData';
import { funnelMetric } from '../funnel/funnel';
import { TOO_FEW_TO_PUBLISH, tooFewToPublish } from '../stats/disclosure';

/** Readable labels for the filters in force (category labels only, no record data). */
export function filterLabels(app: AppState): string[] {
  const f = app.router.filters;
  const out: string[] = [];
  if (f.from || f.to) out.push(`Enquired ${f.from ? 'from ' + f.from : ''}${f.from && f.to ? ' ' : ''}${f.to ? 'to ' + f.to : ''}`);
  for (const c of f.campaigns ?? []) out.push(`Campaign: ${c === BLANK ? 'none recorded' : c}`);
  for (const s of f.sources ?? []) out.push(`Source: ${s === BLANK ? 'none recorded' : s}`);
  for (const [col, vals] of Object.entries(f.attributes ?? {})) for (const v of vals) out.push(`${col}: ${v === BLANK ? 'not recorded' : v}`);
  return out;
}

const SUMMARY_VIEWS: readonly string[] = ['overview', 'dropoff', 'campaigns', 'trends', 'equality'] satisfies SummaryView[];

/** Whether a view has a summary to share (the Share menu offers it only there). */
export const hasSummary = (view: ViewId): boolean => SUMMARY_VIEWS.includes(view);

/**
 * The current view's aggregates as a summary (null for views that have no
 * summary, like Data), or why none is made (too few enquiries under the filters).
 */
export async function buildSummary(app: AppState, view: ViewId = app.router.view): Promise<Summary | { refused: string } | null> {
  const coordinator = app.coordinator;
  if (!coordinator || !app.dataset || !hasSummary(view)) return null;
  const settings = $state.snapshot(app.settings);
  const choices = viewChoices(app.router.ui);
  const service = serviceColumn(app.dataset.model.attributes);
  const by = channelGrouping(choices, service);
  const params: SummaryParams = {
    settings, filters: $state.snapshot(app.router.filters), view: view as SummaryView, by, byColumn: by === 'service' ? service! : by,
    grain: choices.grain, windowDays: choices.windowDays, spend: $state.snapshot(app.prefs.spendEntered), overrides: $state.snapshot(app.prefs.reasonOverrides),
  };
  if (tooFewToPublish((await coordinator.run(funnelMetric, { settings, filters: params.filters })).total)) return { refused: TOO_FEW_TO_PUBLISH };
  const data = await coordinator.run(summaryDataMetric, params);
  /** How many are set aside, as published (a summary link goes beyond the team). */
  const setAsideFilterLabel = async () => setAsideLabel(setAsideTotals(await coordinator.run(setAsideMetric, { settings, filters: params.filters })), true);
  return {
    v: 1, view,
    source: { files: app.loader.isSample ? ['Sample data (synthetic)'] : app.loader.sourceNames, rows: pubCount(app.dataset.model.quality.enquiries) },
    asOf: await coordinator.asOfDate(settings), filters: [...filterLabels(app), ...(settings.setAside ? [await setAsideFilterLabel()] : [])], made: new Date().toISOString().slice(0, 10), data,
  };
}
