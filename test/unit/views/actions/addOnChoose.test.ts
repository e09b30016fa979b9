// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { addOnChoose } from '../../../../src/views/actions/addOnChoose';

/** A filter menu: a prompt, then three campaigns. */
function menu() {
  const select = document.createElement('select');
  for (const v of ['', 'Radio', 'Web', 'Posters']) select.append(new Option(v || 'Add a campaign…', v));
  document.body.append(select);
  const added: string[] = [];
  addOnChoose(select, (v) => added.push(v));
  const key = (type: 'keydown' | 'keyup', k: string, init: KeyboardEventInit = {}) => select.dispatchEvent(new KeyboardEvent(type, { key: k, bubbles: true, cancelable: true, ...init }));
  const change = (value: string) => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  };
  return { select, added, key, change };
}

describe('addOnChoose', () => {
  it('an arrow on the closed menu steps (Chromium fires change then) and Enter adds the value stepped to', () => {
    const m = menu();
    m.key('keydown', 'ArrowDown');
    m.change('Radio');
    m.key('keyup', 'ArrowDown');
    expect(m.added).toEqual([]);
    m.key('keydown', 'Enter');
    expect(m.added).toEqual(['Radio']);
    expect(m.select.value).toBe('');
  });

  it('a choice made after a key that changed nothing is added, even before that key\'s timer has run (a busy page)', () => {
    const m = menu();
    m.key('keydown', 'ArrowUp');
    m.key('keyup', 'ArrowUp');
    // No timer has had its turn: the keyup alone says the key is done.
    m.change('Posters');
    expect(m.added).toEqual(['Posters']);
  });

  it('a choice from the opened list (Alt+Down) is added; leaving a stepped menu adds nothing', () => {
    const m = menu();
    m.key('keydown', 'ArrowDown', { altKey: true });
    m.change('Web');
    expect(m.added).toEqual(['Web']);
    m.key('keydown', 'ArrowDown');
    m.change('Radio');
    m.select.dispatchEvent(new FocusEvent('blur'));
    expect(m.added).toEqual(['Web']);
    expect(m.select.value).toBe('');
  });
});
