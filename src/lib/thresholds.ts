/**
 * The numbers that decide when a figure rests on too few people, and the
 * level comparisons are held to: one home, side by side, so each idea has one
 * number and the differences between them are plain. (The disclosure
 * threshold, counts 1-4 shown as "<5", lives with its rule in
 * stats/disclosure.ts.)
 */

/**
 * A rate, or a group's figures, over fewer people than this is flagged
 * "small" beside it (shown, never hidden). At 20 one person moves a rate by 5
 * points, and the 95% interval around a middling rate is about ±20 points:
 * too loose to read the rate on its own. Used by the funnel table, the
 * campaign table ("too few to tell"), Equality's groups and After approval's
 * groups alike.
 */
export const SMALL_N = 20;

/**
 * Groups of fewer people than this are not compared at all: "too few to tell"
 * (Fisher's exact test) and "too small to judge" (funnel plot). With under 10
 * people a handful of outcomes cannot show a difference either way, so a
 * verdict would only repeat the noise.
 */
export const MIN_N_TO_COMPARE = 10;

/**
 * The significance level every comparison is held to (after Holm's adjustment
 * where several are made together): the usual 5%.
 */
export const SIGNIFICANCE_LEVEL = 0.05;

/**
 * Below this many approvals a cost per approval is shown but flagged "too few
 * to say": the exact Poisson interval of a count under 5 runs to well over
 * twice the count (4 approvals: 1.1 to 10.2), so the cost is barely pinned down.
 */
export const FEW_APPROVALS = 5;

/**
 * Forecasts: below this many effective people (decided people's worth of
 * evidence, see forecast.ts) a longer wait's own chance of approval is too
 * thin and the next shorter wait's is used instead. Another idea than SMALL_N:
 * it chooses which estimate is used, where SMALL_N flags a figure shown.
 */
export const MIN_EFFECTIVE_PEOPLE = 30;

/**
 * A survival curve is drawn only while at least this many are still followed:
 * past it each step is one or two households (one of 3 leaving drops the line
 * by a third), which a reader would take for the service's retention.
 */
export const CURVE_MIN_AT_RISK = 10;
