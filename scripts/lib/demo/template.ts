/**
 * The slot syntax of the demo's wording (data/demo/): `{name}` is replaced by the slot's value, `{NAME}` (all
 * capitals) by the value in capitals, as legal shouting does. Slot names are letters only.
 */

export type Slots = Record<string, string>;

/** Matches one slot; group 1 is its name as written. Global: use with `replace`/`matchAll` only. */
export const SLOT_PATTERN = /\{([a-zA-Z]+)\}/g;

/** Replaces every slot of `template` with its value from `slots`. */
export function render(template: string, slots: Slots): string {
  return template.replace(SLOT_PATTERN, (whole, key: string) => {
    const lower = key.toLowerCase();
    const value = slots[lower];
    if (value === undefined) throw new Error(`Template slot ${whole} has no value`);
    return key === lower ? value : value.toUpperCase();
  });
}
