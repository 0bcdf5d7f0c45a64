/**
 * pdfmake's style inheritance, answered without its bookkeeping. pdfmake measures every inline by
 * asking for some twenty style properties one at a time (TextInlines.measure); each question it
 * answers by pushing the inline onto the style stack, allocating a lookup closure and a Set, and
 * popping again — about a tenth of a briefing's layout time. These answer the same questions, in
 * the same order of precedence, from the stack as it stands:
 *
 *   the item itself → its named styles, last first → the stack, top first → the default style
 *
 * where a named style answers from itself, then from what it `extends`, last first, once per name.
 */

interface StyleDictionary {
  [name: string]: (Record<string, unknown> & { extends?: string | string[] }) | undefined;
}

export interface StyleStack {
  styleDictionary: StyleDictionary;
  defaultStyle?: Record<string, unknown>;
  styleOverrides?: unknown[];
}

type Entry = string | String | Record<string, unknown>;

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const isString = (v: unknown): v is string | String => typeof v === 'string' || v instanceof String;

/** A named style's value for the property: its own, else its parents', each name visited once. */
function fromNamedStyle(dictionary: StyleDictionary, name: string | String, property: string, visited?: Set<unknown>): unknown {
  if (visited) {
    if (visited.has(name)) return undefined;
    visited.add(name);
  }
  const style = dictionary[name as string];
  if (!style) return undefined;
  const own = style[property];
  if (isValue(own)) return own;
  if (!style.extends) return undefined;
  // The Set is only needed once a style has parents (a cycle is possible only then).
  visited ??= new Set([name]);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromNamedStyle(dictionary, parents[i]!, property, visited);
    if (isValue(value)) return value;
  }
  return undefined;
}

function fromEntry(stack: StyleStack, entry: Entry, property: string): unknown {
  return isString(entry) ? fromNamedStyle(stack.styleDictionary, entry, property) : (entry as Record<string, unknown>)[property];
}

/** StyleContextStack#getProperty: the stack, top first, then the default style. */
export function stackProperty(stack: StyleStack, property: string): unknown {
  const overrides = stack.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const value = fromEntry(stack, overrides[i] as Entry, property);
      if (isValue(value)) return value;
    }
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

/** StyleContextStack.getStyleProperty: as if the item and its named styles were on the stack. */
export function styleProperty(item: unknown, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown {
  const own = (item as Record<string, unknown>)[property];
  if (isValue(own)) return own;
  if (!stack) return defaultValue;
  // pdfmake pushes nothing for a string or a section; otherwise the item's styles, then the item.
  const obj = item as Record<string, unknown>;
  if (!isString(item) && typeof obj.section === 'undefined' && obj.style) {
    const names = (Array.isArray(obj.style) ? obj.style : [obj.style]) as Entry[];
    for (let i = names.length - 1; i >= 0; i--) {
      const value = fromEntry(stack, names[i]!, property);
      if (isValue(value)) return value;
    }
  }
  const value = stackProperty(stack, property);
  return isValue(value) ? value : defaultValue;
}
