import type { AppState } from './app.svelte';
import { EXIT_CATEGORIES } from '../funnel/reasons';
import { BLANK } from '../funnel/filters';
import type { Grain } from '../funnel/cohorts';
import { visibleStages } from '../funnel/settings';
import type { ViewId } from './url';
import { serviceColumn } from '../ingest/service';
import { campaignsSummary, dropoffSummary, equalitySummary, overviewSummary, pubCount, trendsSummary, type Summary, type SummaryData } from './summary';

/** Readable labels for the filters in force (category labels only, no record data). */
export function filterLabels(app: AppState): string[] {
  const f = app.filters;
  const out: string[] = [];
  if (f.from || f.to) out.push(`Enquired ${f.from ? 'from ' + f.from : ''}${f.from && f.to ? ' ' : ''}${f.to ? 'to ' + f.to : ''}`);
  for (const c of f.campaigns ?? []) out.push(`Campaign: ${c === BLANK ? 'none recorded' : c}`);
  for (const s of f.sources ?? []) out.push(`Source: ${s === BLANK ? 'none recorded' : s}`);
  for (const [col, vals] of Object.entries(f.attributes ?? {})) for (const v of vals) out.push(`${col}: ${v === BLANK ? 'not recorded' : v}`);
  return out;
}

/** The current view's aggregates as a summary (null for views that have no summary, like Data). */
export async function buildSummary(app: AppState, view: ViewId = app.view): Promise<Summary | null> {
  const svc = app.service!;
  const s = $state.snapshot(app.settings);
  const f = $state.snapshot(app.filters);
  let data: SummaryData;
  switch (view) {
    case 'overview':
      data = overviewSummary(await svc.funnel(s, f));
      break;
    case 'dropoff': {
      const label = (code: string) => EXIT_CATEGORIES.find((c) => c.code === code)?.label ?? code;
      data = dropoffSummary(await svc.funnel(s, f), await svc.reasons(s, f, $state.snapshot(app.reasonOverrides)), label);
      break;
    }
    case 'campaigns': {
      const service = serviceColumn(app.dataset!.model.attributes);
      const chosen = app.uiValue('by', 'campaign');
      const by = chosen === 'source' ? 'source' : chosen === 'service' && service ? 'service' : 'campaign';
      data = campaignsSummary(by, await svc.channels(s, by === 'service' ? service! : by, f, $state.snapshot(app.spendEntered)));
      break;
    }
    case 'trends': {
      const grain = app.uiValue('grain', 'fy') as Grain;
      const window = Number(app.uiValue('window', '12'));
      data = trendsSummary(grain, await svc.periodCounts(s, grain, f), await svc.cohorts(s, grain, Math.round(window * 30.4375), f));
      break;
    }
    case 'equality': {
      const stages = visibleStages(s);
      data = equalitySummary(await svc.equality(s, f), (id) => {
        const i = stages.findIndex((x) => x.id === id);
        return `${stages[i - 1]?.name ?? ''} → ${stages[i]?.name ?? id}`;
      });
      break;
    }
    default:
      return null;
  }
  return {
    v: 1, view,
    source: { files: app.isSample ? ['Sample data (synthetic)'] : app.sourceNames, rows: pubCount(app.dataset!.model.quality.enquiries) },
    asOf: await svc.asOfDate(s), filters: filterLabels(app), made: new Date().toISOString().slice(0, 10), data,
  };
}
