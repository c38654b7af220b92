// Numbers as people read them, shared by the CLI and the editor so both print a count the same way.

/** 245973 → 245,973 */
export function thousands(n: number): string {
  return n.toLocaleString('en-US');
}
