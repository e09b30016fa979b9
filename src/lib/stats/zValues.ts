/**
 * Standard normal quantiles for the two confidence levels the dashboard uses:
 * 95% (two-sided, qnorm(0.975)) and 99.8% (two-sided, qnorm(0.999)), the pair used
 * for funnel plots of public-sector performance.
 */

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959964;

/** z for a two-sided 99.8% interval. */
export const Z_998 = 3.090232;
