/**
 * The options vocabulary shared by every chart function. Each chart takes
 * `ChartOptions` (plus a few options of its own, named in its file) and means
 * the same thing by each name:
 *
 * - `width`, `height`: the chart's size in px (it shrinks with its container).
 *   Charts whose height follows their content (one row per group or stage)
 *   ignore `height`.
 * - `title`: the accessible name (the svg's `<title>` and `aria-label`).
 * - `description`: a longer text for assistive technology (the svg's `<desc>`).
 * - `x`, `y`: each axis's `label` (its title, with the unit), `format` (tick
 *   and tooltip text for a value) and `domain` (the values the axis covers:
 *   `[min, max]` for numbers, the ordered categories for periods).
 * - `reference`: comparison values drawn as labelled dashed rules across the
 *   plot at `value` on the chart's value axis, named "label (value)" beside the
 *   rule, in the legend and in the rule's tooltip. Always a list of
 *   `{ value, label }`, in every chart with a value axis (not the funnel or
 *   the reasons panels, which have none).
 * - `onSelect`: called when a mark is activated by click, Enter or Space; the
 *   marks are then focusable buttons and the svg a labelled group.
 */
export interface ChartOptions<Selected = string, XValue = number> {
  width?: number;
  height?: number;
  title?: string;
  description?: string;
  x?: AxisOptions<XValue>;
  y?: AxisOptions<number>;
  reference?: readonly Reference[];
  onSelect?: (selected: Selected) => void;
}

/** One axis: its title, how its values are written and which values it covers. */
export interface AxisOptions<Value = number> {
  /** Axis title, with its unit ("Rate (%)", "Days since enquiry"). */
  label?: string;
  /** Writes a value on the axis and in tooltips (default: whole numbers, or percent for rates). */
  format?: (value: number) => string;
  /** Numbers: `[min, max]`. Categories (periods): every category in axis order. */
  domain?: readonly Value[];
}

/** A comparison value drawn as a labelled dashed rule: a target, everyone's rate. */
export interface Reference {
  value: number;
  label: string;
  /** How its value is written, when not as the axis writes its ticks (whole people on a one-decimal axis). */
  format?: (v: number) => string;
}
