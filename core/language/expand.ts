// Spec §12 before any shape: the file's blocks checked once (names, where each group may stand,
// uses of unknown blocks, argument counts, blocks that use themselves), then a network's statements
// expanded into the tree the checker walks: every block use replaced by its block's statements with
// the arguments in place of the parameters, every `repeat N` by N copies. Layers keep their own
// statement; what a use or a copy reports lands on the use's line (the causing line).

import type { Range } from './api';
import type { BlockDefinition, GroupNode, LayerNode, NumberValue, Statement, UseNode } from './ast';
import { CODES } from './codes';
import type { CheckContext } from './context';
import { isLayer } from './layerShapes';
import { suggest } from './suggest';

/** More layers than this after expanding is a mistake (a repeat count too large), not a network. */
export const MAX_LAYERS = 10_000;

export interface LayerItem {
  kind: 'layer';
  node: LayerNode;
  /** where what this layer reports goes */
  ctx: CheckContext;
  /** the use it comes from, as written with the values of its arguments: `identity(3, 64)` */
  use?: string;
}

export interface GroupItem {
  kind: 'residual' | 'shortcut' | 'concat' | 'branch' | 'repeat' | 'block';
  node: GroupNode | UseNode;
  ctx: CheckContext;
  children: Item[];
  /** a use: the block's name and its arguments' values */
  name?: string;
  args?: number[];
}

export type Item = LayerItem | GroupItem;

/** The file's block definitions, checked once; `usable` says which a network may expand. */
export class Blocks {
  private readonly byName = new Map<string, BlockDefinition>();
  /** blocks that use themselves, directly or through others (reported) */
  private readonly cyclic = new Set<string>();

  /** blocks with an error inside (a syntax error too): a network that uses one cannot be trained */
  private readonly bad = new Set<string>();

  constructor(readonly definitions: readonly BlockDefinition[], private readonly keywords: readonly string[], ctx: CheckContext,
    broken: ReadonlySet<BlockDefinition>) {
    for (const block of definitions) {
      if (!block.name) continue;
      const first = this.byName.get(block.name);
      if (first) {
        ctx.report('NN243', block.nameRange, `a block named \`${block.name}\` is already defined on line ${first.nameRange.start.line}; block names must be unique`);
        continue;
      }
      if (keywords.includes(block.name)) {
        ctx.report('NN243', block.nameRange, `\`${block.name}\` is a statement of the language: give the block another name`);
        continue;
      }
      this.byName.set(block.name, block);
      const seen = new Set<string>();
      for (const p of block.params) {
        if (seen.has(p.name)) ctx.report('NN248', p.range, `the parameter \`${p.name}\` is already named in block \`${block.name}\``);
        seen.add(p.name);
      }
    }
    for (const block of definitions) {
      let errors = 0;
      const counting: CheckContext = { ...ctx, report: (code, ...rest) => { errors += CODES[code].severity === 'error' ? 1 : 0; ctx.report(code, ...rest); } };
      this.checkStatements(block.statements, 'block', counting);
      if (errors > 0 || broken.has(block)) this.bad.add(block.name);
    }
    for (const block of this.byName.values()) this.findCycle(block, ctx);
  }

  /** Whether the block `name` has an error of its own. */
  isBad(name: string): boolean {
    return this.bad.has(name);
  }

  /** The block a use may expand: known, not using itself, with the right number of arguments. */
  usable(use: UseNode): BlockDefinition | undefined {
    const block = this.byName.get(use.name);
    return block && !this.cyclic.has(block.name) && block.params.length === use.args.length ? block : undefined;
  }

  /**
   * Where each statement may stand (a shortcut last in a residual, only branches in a concat, no
   * input, loss or train in a group or block) and the uses: each mistake on its own line.
   */
  checkStatements(statements: readonly Statement[], parent: string, ctx: CheckContext): void {
    statements.forEach((s, i) => {
      if ((s.kind === 'input' || s.kind === 'loss' || s.kind === 'train') && parent !== 'network') {
        ctx.report('NN247', s.keywordRange, `\`${s.kind}\` belongs to the network, not inside \`${parent}\``);
      } else if (s.kind === 'use') {
        this.checkUse(s, ctx);
      } else if (s.kind === 'shortcut' && parent !== 'residual') {
        ctx.report('NN244', s.keywordRange, '`shortcut { … }` goes inside a `residual`, after its body');
      } else if (s.kind === 'shortcut' && i !== statements.length - 1) {
        ctx.report('NN244', s.keywordRange, 'the `shortcut` comes last in its `residual`: after the body, whose layers are numbered first');
      } else if (s.kind === 'branch' && parent !== 'concat') {
        ctx.report('NN244', s.keywordRange, '`branch { … }` goes inside a `concat`');
      } else if (parent === 'concat' && s.kind !== 'branch') {
        ctx.report('NN244', s.keywordRange, 'a `concat` holds `branch { … }` groups only: put this statement inside one');
      }
      if (s.kind !== 'residual' && s.kind !== 'shortcut' && s.kind !== 'concat' && s.kind !== 'branch' && s.kind !== 'repeat') return;
      if (s.kind === 'residual' && !s.statements.some((x) => x.kind !== 'shortcut')) {
        ctx.report('NN246', s.keywordRange, 'this `residual` has no body: out = g(BODY(x) + x) needs at least one layer in BODY');
      } else if (s.kind === 'concat' && !s.statements.some((x) => x.kind === 'branch')) {
        ctx.report('NN246', s.keywordRange, 'this `concat` has no branch: add `branch { … }` groups, one per path');
      } else if (s.kind === 'repeat' && s.statements.length === 0) {
        ctx.report('NN246', s.keywordRange, 'this `repeat` has nothing to repeat');
      }
      this.checkStatements(s.statements, s.kind, ctx);
    });
  }

  private checkUse(use: UseNode, ctx: CheckContext): void {
    const block = this.byName.get(use.name);
    if (!block) {
      const s = suggest(use.name, [...this.byName.keys(), ...this.keywords]);
      const defined = this.byName.size > 0 ? ` (this file defines ${[...this.byName.keys()].map((b) => `\`${b}\``).join(', ')})` : ': define it at file level with `block NAME(P, …) { … }`';
      ctx.report('NN240', use.keywordRange, `unknown block \`${use.name}\`${s ? `; did you mean \`${s}\`?` : defined}`,
        s ? [{ title: `Change to \`${s}\``, edits: [{ range: use.keywordRange, newText: s }], preferred: true }] : undefined);
    } else if (block.params.length !== use.args.length) {
      const params = block.params.map((p) => p.name).join(', ');
      ctx.report('NN241', use.argsRange, `block \`${block.name}\` takes ${count(block.params.length, 'argument')} (${params || 'none'}), not ${use.args.length}`);
    }
  }

  /** Reports, on the use that closes it, a path of uses leading from `block` back to itself. */
  private findCycle(block: BlockDefinition, ctx: CheckContext): void {
    const path: string[] = [];
    const visit = (name: string): boolean => {
      if (name === block.name && path.length > 0) return true;
      if (path.includes(name)) return false;
      const def = this.byName.get(name);
      if (!def) return false;
      path.push(name);
      const found = usesIn(def.statements).some((u) => visit(u.name));
      if (!found) path.pop();
      return found;
    };
    for (const use of usesIn(block.statements)) {
      path.length = 0;
      path.push(block.name);
      if (!visit(use.name)) continue;
      this.cyclic.add(block.name);
      const chain = [...path, block.name].join(' → ');
      ctx.report('NN242', use.keywordRange, `block \`${block.name}\` uses itself (${chain}): a block may use other blocks, never itself`);
      return;
    }
  }
}

/** The uses among `statements`, groups included. */
function usesIn(statements: readonly Statement[]): UseNode[] {
  return statements.flatMap((s) => (s.kind === 'use' ? [s] : 'statements' in s ? usesIn(s.statements) : []));
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** What one expansion of a network shares: the layer budget and whether a bad use was skipped. */
interface State {
  layers: number;
  /** a use of a block that cannot expand (already reported): the network cannot be trained */
  broken: boolean;
  tooMany: boolean;
}

interface Env {
  ctx: CheckContext;
  args: ReadonlyMap<string, NumberValue>;
  use?: string;
  state: State;
}

/** The layers of `items`, depth first: item l − 1 is layer l. */
export function layerItems(items: readonly Item[]): LayerItem[] {
  return items.flatMap((item) => (item.kind === 'layer' ? [item] : layerItems(item.children)));
}

/** A network's statements with block uses and repeats expanded; `broken` when a use could not be. */
export function expand(statements: readonly Statement[], blocks: Blocks, ctx: CheckContext): { items: Item[]; broken: boolean } {
  const state: State = { layers: 0, broken: false, tooMany: false };
  const items = expandAll(statements, blocks, { ctx, args: new Map(), state });
  return { items, broken: state.broken || state.tooMany };
}

function expandAll(statements: readonly Statement[], blocks: Blocks, env: Env): Item[] {
  const items: Item[] = [];
  for (const s of statements) {
    if (env.state.tooMany) break;
    if (isLayer(s)) {
      env.state.layers++;
      items.push({ kind: 'layer', node: substitute(s, env.args), ctx: env.ctx, use: env.use });
    } else if (s.kind === 'use') {
      const block = blocks.usable(s);
      if (!block || blocks.isBad(s.name)) env.state.broken = true;
      if (!block) {
        env.state.broken = true;
        continue;
      }
      const args = s.args.map((a) => value(a, env.args, a.range));
      const text = `${s.name}(${args.map((a) => a.text).join(', ')})`;
      const inner: Env = { ...env, ctx: redirect(env.ctx, s, text), args: new Map(block.params.map((p, i) => [p.name, args[i]])), use: text };
      items.push({ kind: 'block', node: s, ctx: env.ctx, name: s.name, args: args.map((a) => a.value), children: expandAll(block.statements, blocks, inner) });
    } else if (s.kind === 'repeat') {
      items.push({ kind: 'repeat', node: s, ctx: env.ctx, children: repeated(s, blocks, env) });
    } else if (s.kind === 'residual' || s.kind === 'shortcut' || s.kind === 'concat' || s.kind === 'branch') {
      items.push({ kind: s.kind, node: s, ctx: env.ctx, children: expandAll(s.statements, blocks, env) });
    }
  }
  return items;
}

/** N copies of a repeat's body; none when N is not a positive integer or the copies would be too many (reported). */
function repeated(s: GroupNode, blocks: Blocks, env: Env): Item[] {
  if (!s.count) return [];
  const n = value(s.count, env.args, s.count.range);
  if (!n.integer || !Number.isSafeInteger(n.value) || n.value < 1) {
    env.ctx.report('NN215', s.count.range, `the number of copies of \`repeat\` must be a positive integer, not ${n.text}`);
    env.state.broken = true;
    return [];
  }
  const before = env.state.layers;
  const first = expandAll(s.statements, blocks, env);
  const each = env.state.layers - before;
  if (before + each * n.value > MAX_LAYERS) {
    env.ctx.report('NN245', s.count.range, `\`repeat ${n.text}\` makes ${each * n.value} layers, more than the ${MAX_LAYERS} a network may have`);
    env.state.tooMany = true;
    return first;
  }
  const copies = [first];
  for (let k = 2; k <= n.value; k++) copies.push(expandAll(s.statements, blocks, env));
  return copies.flat();
}

/** A number as its use gives it: a block parameter replaced by the argument's value. */
function value(v: NumberValue, args: ReadonlyMap<string, NumberValue>, range: Range): NumberValue {
  const arg = v.param === undefined ? undefined : args.get(v.param);
  return arg ? { ...arg, range } : v;
}

/** Layer statement `s` with the block's arguments in place of its parameters (the count and option values). */
function substitute(s: LayerNode, args: ReadonlyMap<string, NumberValue>): LayerNode {
  if (args.size === 0) return s;
  const copy: LayerNode = { ...s };
  if (s.units) copy.units = value(s.units, args, s.units.range);
  if (s.filters) copy.filters = value(s.filters, args, s.filters.range);
  copy.options = s.options.map((o) => {
    const v = o.value;
    const arg = v?.kind === 'call' && !v.args ? args.get(v.name) : undefined;
    return arg ? { ...o, value: { ...arg, range: v!.range } } : o;
  });
  return copy;
}

/** Reports of the layers of a use land on the use's line, saying which line of the block caused them. */
function redirect(ctx: CheckContext, use: UseNode, text: string): CheckContext {
  return {
    ...ctx,
    report(code, range, message, fixes) {
      ctx.report(code, use.range, `in \`${text}\` (line ${range.start.line} of the block): ${message}`, fixes);
    },
  };
}
