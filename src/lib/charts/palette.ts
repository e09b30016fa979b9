/**
 * Okabe-Ito colours, two of them darkened, so that every line, marker, bar and
 * outline meets 3:1 against the white background (WCAG 2.2 1.4.11) and the
 * series stay apart with the common colour-vision deficiencies.
 *
 * - Blue (5.2:1), vermillion (3.9:1), bluish green (3.4:1), reddish purple
 *   (3.1:1) and black are drawn as they are.
 * - Orange #E69F00 (2.2:1) and sky blue #56B4E9 (2.3:1) are too pale for a
 *   line, a marker or a bar: series use the same hues darker, orange as a
 *   brown #7A4C00 (7.3:1) and sky blue as #0598F6 (3.1:1). A lighter orange
 *   would merge with vermillion under protanopia and deuteranopia; with these
 *   two no pair of series comes closer under simulated protanopia or
 *   deuteranopia than the untouched blue / reddish-purple pair already is
 *   (test/unit/charts/palette.test.ts).
 * - Yellow #F0E442 (1.3:1) is not used.
 * - Pale sky blue (`open`) is only a fill of a large area (the funnel's "still
 *   open" segment, the survival chart's interval band), always outlined in
 *   `openOutline` (3.1:1), in the chart and in its legend swatch, and named in
 *   the legend: the outline, not the fill, carries the shape. `grid` lines are
 *   decoration, never needed to read a value.
 */
export const COLOURS = {
  continued: '#0072B2',
  open: '#56B4E9',
  openOutline: '#0598F6',
  left: '#D55E00',
  approved: '#009E73',
  neutral: '#6b7280',
  text: '#1f2937',
  grid: '#e5e7eb',
} as const;

/**
 * Categorical series colours, in order, for lines, markers and bars on white:
 * Okabe-Ito's blue, orange (darkened), bluish green, reddish purple, sky blue
 * (darkened), vermillion and black. Each series also has its own marker shape
 * and dash pattern (chartParts.ts).
 */
export const SERIES: readonly string[] = ['#0072B2', '#7A4C00', '#009E73', '#CC79A7', '#0598F6', '#D55E00', '#000000'];

/**
 * Who ended an enquiry, told apart by colour, marker shape and fill (solid,
 * solid, dashed outline, solid grey), so no one needs the colour to read it.
 */
export const EXIT_GROUP_STYLE = {
  'Applicant withdrew': { colour: '#0072B2', shape: 'circle', hollow: false },
  'Agency decision': { colour: '#D55E00', shape: 'triangle', hollow: false },
  Administrative: { colour: '#4b5563', shape: 'square', hollow: true },
  'Not known': { colour: COLOURS.neutral, shape: 'diamond', hollow: false },
} as const;
