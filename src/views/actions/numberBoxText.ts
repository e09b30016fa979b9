/**
 * The text of a number box for a reader of typed numbers (readNumberInput,
 * parseTargetInput): text the browser can't read as a number ("12e") reaches
 * `value` as "", like an empty box, which would clear a setting; it is given
 * as text that reads as no number, so it is refused in words instead.
 */
export function numberBoxText(input: HTMLInputElement): string {
  return input.validity.badInput ? 'not a number' : input.value;
}
