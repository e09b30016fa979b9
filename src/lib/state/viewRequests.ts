import { ask, type MetricRequest } from '../coordinator/metric';
import { afterApprovalMetric } from '../retention/afterApprovalReport';
import { breakdownMetric } from '../funnel/breakdowns';
import { cubesMetric } from '../funnel/filterCubes';
import { campaignHeadlineMetric } from '../funnel/campaignHeadline';
import { channelsMetric } from '../funnel/campaigns';
import { cohortsMetric, incidenceMetric, periodCountsMetric } from '../funnel/cohorts';
import { dropoffHeadlineMetric } from '../funnel/dropoffHeadline';
import { setAsideMetric } from '../funnel/setAside';
import { servicesComparedMetric } from '../funnel/servicesCompared';
import { approvalChancesMetric } from '../funnel/forecast';
import { equalityMetric } from '../funnel/equality';
import { hasFilters, keepsOneValue, type Filters } from '../funnel/filters';
import { funnelMetric } from '../funnel/funnel';
import { headlineCountsMetric } from '../funnel/headlineCounts';
import { exitReasonsMetric, reasonsUnreadMetric, reasonTextsMetric, type ReasonOverrides } from '../funnel/reasons';
import type { FunnelSettings } from '../funnel/settings';
import { stalledMetric, timelinessMetric } from '../funnel/timing';
import { trendComparisonMetric } from '../funnel/trendComparison';
import { panelStandardMetric, stepTimesMetric } from '../funnel/trends';
import { planInputsMetric } from '../plan/inputs';
import { poolFromUi } from './pool';
import type { ViewId } from './url';
import { channelGrouping, viewChoices } from './viewChoices';

/**
 * What each view asks the coordinator for, as a function of the app's state:
 * the views' `useRequest` calls read their requests from here, and so does
 * the prefetch that works out the other views' figures while the user reads
 * this one. One list, so the two can never ask for different things.
 */

/** What the views' requests depend on: the link's state, the user's own entries, what the data name. */
export interface RequestState {
  settings: FunnelSettings;
  filters: Filters;
  /** Per-view choices from the link (grouping, grain, pooled groups…). */
  ui: Readonly<Record<string, string>>;
  spend: Record<string, number>;
  overrides: ReasonOverrides;
  /** The column naming each enquiry's service, when the data have one. */
  serviceColumn: string | null;
}

type Requests = Record<string, MetricRequest | null>;

const base = (s: RequestState) => ({ settings: s.settings, filters: s.filters });

function overview(s: RequestState) {
  return {
    funnel: ask(funnelMetric, base(s)),
    /** Everyone's funnel beside a filtered one. */
    overall: hasFilters(s.filters) ? ask(funnelMetric, { settings: s.settings, filters: {} }) : null,
    timeliness: ask(timelinessMetric, base(s)),
    headline: ask(headlineCountsMetric, base(s)),
    /** A regional hub: its services, for the step-by-step comparison the Overview points to (Campaigns' own request by service). */
    services: severalServices(s) ? ask(servicesComparedMetric, { ...base(s), column: s.serviceColumn! }) : null,
    setAside: setAsideRequest(s),
  } satisfies Requests;
}

/** How many enquiries are set aside under the filters, when any may be (the setting on). */
const setAsideRequest = (s: RequestState) => (s.settings.setAside ? ask(setAsideMetric, base(s)) : null);

/** Several services may be under the filters: the data name a service and the filters don't choose just one. */
const severalServices = (s: RequestState) => !!s.serviceColumn && !keepsOneValue(s.filters, s.serviceColumn);

function dropoff(s: RequestState) {
  return {
    funnel: ask(funnelMetric, base(s)),
    reasons: ask(exitReasonsMetric, { ...base(s), overrides: s.overrides }),
    stalled: ask(stalledMetric, base(s)),
    texts: ask(reasonTextsMetric, { settings: s.settings, overrides: s.overrides }),
    headline: ask(dropoffHeadlineMetric, base(s)),
    /** A regional hub: the services that record no reason the rules read. */
    unread: severalServices(s) ? ask(reasonsUnreadMetric, { ...base(s), overrides: s.overrides, column: s.serviceColumn! }) : null,
    setAside: setAsideRequest(s),
  } satisfies Requests;
}

function campaigns(s: RequestState) {
  const by = channelGrouping(viewChoices(s.ui), s.serviceColumn);
  const column = by === 'service' ? s.serviceColumn! : by;
  return {
    channels: ask(channelsMetric, { ...base(s), by: column, spend: s.spend }),
    breakdown: ask(breakdownMetric, { ...base(s), column, top: 0 }),
    headline: ask(campaignHeadlineMetric, { ...base(s), spend: s.spend }),
    /** By service: each service step by step against the others. */
    services: by === 'service' ? ask(servicesComparedMetric, { ...base(s), column }) : null,
  } satisfies Requests;
}

function trends(s: RequestState) {
  const choices = viewChoices(s.ui);
  const byGrain = { ...base(s), grain: choices.grain };
  return {
    periods: ask(periodCountsMetric, byGrain),
    cohorts: ask(cohortsMetric, { ...byGrain, windowDays: choices.windowDays }),
    stepTimes: ask(stepTimesMetric, byGrain),
    panelStandard: ask(panelStandardMetric, byGrain),
    curves: ask(incidenceMetric, { ...base(s), by: choices.curves }),
    comparison: ask(trendComparisonMetric, byGrain),
  } satisfies Requests;
}

function equality(s: RequestState) {
  const pool = poolFromUi(s.ui.pool ?? '');
  return {
    equality: ask(equalityMetric, { ...base(s), pools: pool ? { [pool.column]: pool.members } : {} }),
  } satisfies Requests;
}

function plan(s: RequestState) {
  return {
    inputs: ask(planInputsMetric, base(s)),
    campaigns: ask(channelsMetric, { ...base(s), by: 'campaign' as const, spend: s.spend }),
  } satisfies Requests;
}

function after(s: RequestState) {
  return { after: ask(afterApprovalMetric, { ...base(s), by: viewChoices(s.ui).retain }) } satisfies Requests;
}

/**
 * The Data view's: the whole data's funnel, whatever the filters, asked as
 * the Overview asks for it (unfiltered, or as `overall` beside a filter), so
 * it is answered from the cache, not after whatever the engine is busy with;
 * and the duplicate and kinship closes in the whole data.
 */
function data(s: RequestState) {
  const all = { settings: s.settings, filters: {} };
  return {
    funnel: ask(funnelMetric, all),
    /** Duplicate and kinship closes: how many are set aside, or (counted) how many there are among the reasons. */
    setAside: s.settings.setAside ? ask(setAsideMetric, all) : ask(exitReasonsMetric, { ...all, overrides: s.overrides }),
  } satisfies Requests;
}

/** Each view's requests by name (a null one is not asked in that state). */
export const viewRequests = { overview, dropoff, campaigns, trends, equality, plan, after, data } satisfies Partial<Record<ViewId, (s: RequestState) => Requests>>;

/**
 * The request writing the summaries a campaign or source filter, or none, is
 * answered from (filterCubes.ts): written by the coordinator whenever it
 * builds `journeys` for big data (its `summaries`, see summariseFirst), and
 * first in the prefetches, for smaller data or in case writing them failed.
 */
export function summariesRequest(settings: FunnelSettings): MetricRequest {
  return ask(cubesMetric, { settings });
}

/** Fewest enquiries for which the summaries are written before the first draw (see summariseFirst). */
export const SUMMARISE_FIRST_FROM = 50_000;

/**
 * Whether the summaries are worth writing before anything is drawn from a
 * `journeys` of this many enquiries. With a few thousand, scanning answers as
 * fast as the summaries would, and writing them (six statements, 70-165 ms
 * however small the data) would only hold back the first draw: the sample
 * was drawn 0.37 s later when they came first. From tens of thousands a
 * filter chosen straight after the draw scanned, or waited for a summary
 * being written: at 100k 200-400 ms, at 1M 0.6 s, against 0.1-0.25 s.
 * Below the line they are written straight after the first draw (afterLoadRequests).
 */
export function summariseFirst(enquiries: number): boolean {
  return enquiries >= SUMMARISE_FIRST_FROM;
}

/** How many of each filter menu's most common values the prefetch works the current view out for (see choiceRequests). */
export const CHOICES_AHEAD = 5;

/** The campaign and source menus' values, most common first, as a filter holds them (BLANK for "Not recorded"). */
export interface FilterChoices {
  campaigns: readonly string[];
  sources: readonly string[];
}

export const NO_CHOICES: FilterChoices = { campaigns: [], sources: [] };

/**
 * Views whose every figure, under campaign and source filters, the
 * summaries answer: a few small queries per filter choice (tested in
 * viewRequests.test.ts). The other views scan the enquiries under a filter.
 */
const ANSWERED_FROM_SUMMARIES: readonly ViewId[] = ['overview'];

/**
 * Whether choiceRequests has anything to ask for: on a view the summaries
 * answer, with no filter chosen (the menus' values are only needed then).
 * Under a filter the likeliest next step is to clear it, which is cached;
 * working out every second value to add to it (a tenth of a second each at
 * a million enquiries) would hold back the other views' figures.
 */
export function asksChoices(current: ViewId, filters: Filters): boolean {
  return ANSWERED_FROM_SUMMARIES.includes(current) && !hasFilters(filters);
}

/**
 * The current view's requests under each filter the user is likeliest to
 * choose first: one of the CHOICES_AHEAD most common campaigns or sources,
 * campaigns and sources in turn, most common first. Only where asksChoices:
 * each choice is a few small queries on the summaries (40-80 ms however big
 * the data), and a filter chosen once they are worked out is drawn from the cache.
 */
export function choiceRequests(s: RequestState, current: ViewId, choices: FilterChoices): MetricRequest[] {
  if (!asksChoices(current, s.filters)) return [];
  const inTurn: Filters[] = [];
  for (let i = 0; i < CHOICES_AHEAD; i++) {
    if (i < choices.campaigns.length) inTurn.push({ campaigns: [choices.campaigns[i]] });
    if (i < choices.sources.length) inTurn.push({ sources: [choices.sources[i]] });
  }
  return inTurn.flatMap((filters) => requestsOf(current as keyof typeof viewRequests, { ...s, filters }));
}

/**
 * What is worked out as soon as a load is drawn (AppState.prefetchAfterLoad):
 * the filtering summaries (written by the load itself for big data, see
 * summariseFirst, unless that failed), then the likeliest filter choices on
 * this view (choiceRequests), then the chances of approval at each stage,
 * which no filter changes (the slowest of the Campaigns view's figures, 0.36 s
 * at a million enquiries), then every other view's figures. A view's request
 * stops the query of this list that is running, and the list goes on after;
 * only a summary statement being written is finished first.
 */
export function afterLoadRequests(s: RequestState, current: ViewId, choices: FilterChoices = NO_CHOICES): MetricRequest[] {
  return [summariesRequest(s.settings), ...choiceRequests(s, current, choices), ask(approvalChancesMetric, { settings: s.settings }), ...viewsRequests(s, current)];
}

/**
 * What is worked out ahead of need for the state on screen: the filtering
 * summaries (the next filter chosen on any view reads them), the likeliest
 * filter choices on this view, then every request of the other views, the
 * next most likely first.
 */
export function aheadRequests(s: RequestState, current: ViewId, choices: FilterChoices = NO_CHOICES): MetricRequest[] {
  return [summariesRequest(s.settings), ...choiceRequests(s, current, choices), ...viewsRequests(s, current)];
}

/** The requests of the views other than `current`, the next most likely first. */
function viewsRequests(s: RequestState, current: ViewId): MetricRequest[] {
  const order: (keyof typeof viewRequests)[] = ['overview', 'dropoff', 'campaigns', 'trends', 'equality', 'after', 'plan'];
  return order.filter((v) => v !== current).flatMap((v) => requestsOf(v, s));
}

/** A view's requests in the state, as a list (those not asked in it left out). */
function requestsOf(view: keyof typeof viewRequests, s: RequestState): MetricRequest[] {
  return Object.values(viewRequests[view](s) as Requests).filter((r): r is MetricRequest => r !== null);
}
