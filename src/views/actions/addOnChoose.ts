/**
 * For a select that adds its choice to a list (a filter) and goes back to
 * its prompt: adds on a choice made in its list (a click, or Enter in the
 * opened list), but not on arrow keys or typing on the closed select, where
 * Chromium (on Windows and Linux) fires `change` at every step. There the
 * value steps through the options for a screen reader to read, and Enter
 * adds it; leaving the select leaves nothing added. A `change` is a step
 * only when it comes while the key that made it is down (before its keyup,
 * or a timer set then, whichever is first: a busy page can run input before
 * timers): a key that changed nothing, or one that opened the list (macOS's
 * arrows), leaves the next choice to add. A screen reader that sets
 * the value without a key adds at each step, as any select would.
 */
export function addOnChoose(select: HTMLSelectElement, add: (value: string) => void) {
  let onAdd = add;
  let stepping = false;
  const reset = () => {
    select.value = '';
    stepping = false;
  };
  const choose = () => {
    const value = select.value;
    reset();
    if (value) onAdd(value);
  };
  const onKeydown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      if (select.value) {
        e.preventDefault();
        choose();
      }
    } else if (!e.altKey && (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key.startsWith('Page') || (e.key.length === 1 && e.key !== ' '))) {
      stepping = true;
      setTimeout(() => (stepping = false));
    }
  };
  const onKeyup = () => {
    stepping = false;
  };
  const onChange = () => {
    if (stepping) stepping = false;
    else choose();
  };
  const onBlur = () => {
    if (select.value) reset();
  };
  select.addEventListener('keydown', onKeydown);
  select.addEventListener('keyup', onKeyup);
  select.addEventListener('change', onChange);
  select.addEventListener('blur', onBlur);
  return {
    update(next: (value: string) => void) {
      onAdd = next;
    },
    destroy() {
      select.removeEventListener('keydown', onKeydown);
      select.removeEventListener('keyup', onKeyup);
      select.removeEventListener('change', onChange);
      select.removeEventListener('blur', onBlur);
    },
  };
}
