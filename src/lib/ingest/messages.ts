/**
 * Small helpers that keep messages to the user short and grammatical:
 * counts with the right noun, long lists cut to a few examples, and a cap
 * on length so a file with hundreds of columns can't make a wall of text.
 */

/** "1 enquiry", "2,078 enquiries" (the plural is `one + 's'` unless given). */
export function countOf(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** Quotes a name from a file for a message, cut short when it is very long. */
export function quoted(name: string, max = 40): string {
  const flat = name.replace(/\s+/g, ' ');
  return `"${flat.length > max ? flat.slice(0, max - 1) + '…' : flat}"`;
}

/**
 * A list of names for a message: all of them when there are few
 * ("A", "B", "C"), else a count and examples ("24 columns, e.g. "A", "B", "C"…").
 */
export function shortList(names: readonly string[], noun: string, nouns = noun + 's', examples = 4): string {
  const q = names.map((n) => quoted(n));
  if (q.length <= examples + 1) return q.length ? q.join(', ') : `no ${nouns}`;
  return `${countOf(names.length, noun, nouns)}, e.g. ${q.slice(0, examples).join(', ')}…`;
}

/** The most characters a message should have. */
export const MAX_MESSAGE = 300;

/** Cuts a message to `max` characters at a word boundary, ending it with an ellipsis. */
export function capMessage(text: string, max = MAX_MESSAGE): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const at = cut.lastIndexOf(' ');
  return (at > max * 0.6 ? cut.slice(0, at) : cut).replace(/[\s,;:]+$/, '') + '…';
}
