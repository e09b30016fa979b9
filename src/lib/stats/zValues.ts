/**
 * Standard normal quantiles for the two confidence levels the dashboard uses:
 * 95% (two-sided, qnorm(0.975)) and 99.8% (two-sided, qnorm(0.999)), the pair used
 * for funnel plots of public-sector performance. Full double precision, as R's
 * qnorm and scipy's norm.ppf give them.
 */

/** z for a two-sided 95% interval: qnorm(0.975). */
export const Z_95 = 1.959963984540054;

/** The quantiles at the two ends of a central 95% range (2.5% and 97.5%), e.g. of simulated draws. */
export const RANGE_95 = { low: 0.025, high: 0.975 } as const;

/** z for a two-sided 99.8% interval: qnorm(0.999). */
export const Z_998 = 3.090232306167813;
