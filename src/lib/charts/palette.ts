/**
 * Okabe-Ito colours: distinguishable with the common colour-vision
 * deficiencies. Blue, vermillion and green meet 3:1 against white; sky blue
 * and orange (about 2.2:1) are only used beside a darker mark or a text
 * label, never as the only way to read a value.
 */
export const COLOURS = {
  continued: '#0072B2',
  open: '#56B4E9',
  left: '#D55E00',
  approved: '#009E73',
  neutral: '#6b7280',
  text: '#1f2937',
  grid: '#e5e7eb',
} as const;

/** Categorical series colours, in order. */
export const SERIES = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/**
 * Who ended an enquiry, told apart by colour, marker shape and fill (solid,
 * solid, dashed outline), so no one needs the colour to read it.
 */
export const EXIT_GROUP_STYLE = {
  'Applicant withdrew': { colour: '#0072B2', shape: 'circle', hollow: false },
  'Agency decision': { colour: '#D55E00', shape: 'triangle', hollow: false },
  Administrative: { colour: '#4b5563', shape: 'square', hollow: true },
} as const;
