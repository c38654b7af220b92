// A parameter's name as the course writes it, for `nn shapes` and the panel's layer table alike:
// a weights file spells layer_norm's γ and β out (gamma3, beta3); every other name is the course's.

const GREEK: Record<string, string> = { gamma: 'γ', beta: 'β' };

/** `gamma` → `γ`, `beta` → `β`, `Wax` → `Wax`. */
export function parameterSymbol(name: string): string {
  return GREEK[name] ?? name;
}
