// Each layer kind's `.nn` statement, written from a layer spec that arrived from elsewhere (a
// worker's `start` message): core/session/validate.ts writes the whole network back as text and
// lets the checker judge it. `fields` reads and checks one field (a finite number, an activation)
// and throws for anything the language cannot write, so nothing unchecked reaches the text.

import type { LayerKindName } from '../model';

export interface Fields {
  /** the field as a number the lexer reads back exactly */
  number(key: string): string;
  /** `relu`, `leaky_relu(0.2)` */
  activation(): string;
  /** `  NAME: value` for a field that may be absent, '' when it is */
  option(key: string, name: string): string;
}

const STATEMENTS: { [K in LayerKindName]: (f: Fields) => string } = {
  dense: (f) => `dense ${f.number('units')} ${f.activation()}${f.option('keepProb', 'keep_prob')}`,
  conv2d: (f) => `conv2d ${f.number('filters')} ${f.activation()} f: ${f.number('f')} stride: ${f.number('stride')} pad: ${f.number('pad')}`,
  max_pool: (f) => `max_pool f: ${f.number('f')} stride: ${f.number('stride')}`,
  avg_pool: (f) => `avg_pool f: ${f.number('f')} stride: ${f.number('stride')}`,
  flatten: () => 'flatten',
};

/** The writer of a layer of this kind, or undefined for a kind the language does not have. */
export function statementOf(kind: unknown): ((f: Fields) => string) | undefined {
  return typeof kind === 'string' && Object.hasOwn(STATEMENTS, kind) ? STATEMENTS[kind as LayerKindName] : undefined;
}
