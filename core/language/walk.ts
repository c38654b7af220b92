// The checker's walk over a network's expanded tree (expand.ts): layer l after layer, depth first
// and a shortcut's after its body's (spec §12), each layer resolved and shaped from what flows into
// it — A[l−1] in a line, the group's input at the start of a branch or a shortcut — and each group
// checked by its rule (groups.ts). It builds NetworkInfo's tree and NetworkSpec's body as it goes.

import { kindOf, vector, type Shape } from '../layers';
import type { Activation, LayerSpec, NetworkNode } from '../foundation/model';
import type { GroupInfo, LayerInfo, ShapeNode } from './api';
import type { GroupNode } from './ast';
import type { CheckContext } from './context';
import { reportShapeIssues, type Source } from './conv';
import { layerInfoOf, LINEAR } from './convShapes';
import type { GroupItem, Item, LayerItem } from './expand';
import { checkConcat, checkResidual } from './groups';

/** What the checker made of one layer statement (checker.ts resolve). */
export interface Resolved {
  /** undefined when a size or an option is broken (reported) */
  spec?: LayerSpec;
  /** the activation as written, when it is valid */
  activation?: Activation;
  activationOk: boolean;
}

export interface Walked {
  /** layer l's resolved statement and its shapes (index l − 1); shapes undefined where they are unknown */
  resolved: Resolved[];
  shapes: (LayerInfo | undefined)[];
  items: LayerItem[];
  tree: ShapeNode[];
  body: NetworkNode[];
  /** whether the tree has a residual or a concat (a straight network needs no body) */
  branches: boolean;
}

export interface WalkRules {
  layer(item: LayerItem, l: number, isOutput: boolean): Resolved;
  /** the g of `residual g { … }`; undefined when missing or wrong (reported) */
  activation(ctx: CheckContext, node: GroupNode): Activation | undefined;
}

export function walkTree(items: readonly Item[], input: Shape | undefined, output: LayerItem | undefined, rules: WalkRules): Walked {
  const w: Walked = { resolved: [], shapes: [], items: [], tree: [], body: [], branches: false };
  let source: Source = { l: 0 };

  const walk = (list: readonly Item[], x: Shape | undefined, tree: ShapeNode[], body: NetworkNode[]): Shape | undefined =>
    list.reduce<Shape | undefined>((shape, item) => step(item, shape, tree, body), x);

  const layer = (item: LayerItem, x: Shape | undefined): Shape | undefined => {
    const l = w.items.push(item);
    const r = rules.layer(item, l, item === output);
    w.resolved[l - 1] = r;
    const from = source;
    source = { l, kind: item.node.kind };
    if (x === undefined || r.spec === undefined) return undefined;
    const { output: out, issues } = kindOf(r.spec).output(r.spec, x);
    reportShapeIssues(item.ctx, item.node, l, issues, from);
    if (!out) {
      // A dense layer on volumes reads on as if the `flatten` its fix inserts were there, so the
      // layers below it are still checked; any other missing output breaks the chain.
      return 'units' in r.spec && issues.some((issue) => issue.kind === 'needs-vector') ? vector(r.spec.units) : undefined;
    }
    const info = layerInfoOf(l, r.spec, x, out, item.node.range);
    if (item.use) info.use = item.use;
    w.shapes[l - 1] = info;
    return out;
  };

  const step = (item: Item, x: Shape | undefined, tree: ShapeNode[], body: NetworkNode[]): Shape | undefined => {
    if (item.kind === 'layer') {
      const out = layer(item, x);
      tree.push({ kind: 'layer', l: w.items.length });
      body.push({ kind: 'layer', l: w.items.length });
      return out;
    }
    const group: GroupInfo = { kind: item.kind, range: item.node.range, params: 0, children: [] };
    if (item.kind === 'block') Object.assign(group, { name: item.name, args: item.args });
    tree.push(group);
    const first = w.items.length;
    const out = item.kind === 'residual' ? residual(item, x, group, body)
      : item.kind === 'concat' ? concat(item, x, group, body)
        : walk(item.children, x, group.children, body);
    if (out) group.output = out;
    for (let l = first + 1; l <= w.items.length; l++) group.params += w.shapes[l - 1]?.params ?? 0;
    return out;
  };

  const residual = (item: GroupItem, x: Shape | undefined, group: GroupInfo, body: NetworkNode[]): Shape | undefined => {
    w.branches = true;
    const node = item.node as GroupNode;
    const activation = rules.activation(item.ctx, node);
    const spec: NetworkNode = { kind: 'residual', activation: activation ?? LINEAR, body: [], shortcut: [] };
    body.push(spec);
    const from = source;
    const main = walk(item.children.filter((c) => c.kind !== 'shortcut'), x, group.children, spec.body);
    const written = item.children.find((c): c is GroupItem => c.kind === 'shortcut');
    let around = x;
    if (written) {
      source = from;
      const shortcut: GroupInfo = { kind: 'shortcut', range: written.node.range, params: 0, children: [] };
      group.children.push(shortcut);
      const first = w.items.length;
      around = walk(written.children, x, shortcut.children, spec.shortcut);
      if (around) shortcut.output = around;
      for (let l = first + 1; l <= w.items.length; l++) shortcut.params += w.shapes[l - 1]?.params ?? 0;
    }
    if (x === undefined || main === undefined || around === undefined || activation === undefined) return undefined;
    return checkResidual(item.ctx, node, x, main, around, written !== undefined);
  };

  const concat = (item: GroupItem, x: Shape | undefined, group: GroupInfo, body: NetworkNode[]): Shape | undefined => {
    w.branches = true;
    const spec: NetworkNode = { kind: 'concat', branches: [] };
    body.push(spec);
    const from = source;
    const outs: { node: GroupNode; output: Shape }[] = [];
    let known = x !== undefined;
    for (const branch of item.children) {
      if (branch.kind !== 'branch') continue; // reported: a concat holds branches only
      source = from;
      const info: GroupInfo = { kind: 'branch', range: branch.node.range, params: 0, children: [] };
      group.children.push(info);
      const nodes: NetworkNode[] = [];
      spec.branches.push(nodes);
      const first = w.items.length;
      const out = walk(branch.children, x, info.children, nodes);
      for (let l = first + 1; l <= w.items.length; l++) info.params += w.shapes[l - 1]?.params ?? 0;
      if (out) {
        info.output = out;
        outs.push({ node: branch.node as GroupNode, output: out });
      } else {
        known = false;
      }
    }
    return known && outs.length > 0 ? checkConcat(item.ctx, outs) : undefined;
  };

  walk(items, input, w.tree, w.body);
  return w;
}

/** The layer that ends the network when its last statement is one (through repeats and uses), else the group that does. */
export function lastItem(items: readonly Item[]): Item | undefined {
  const last = items[items.length - 1];
  return last && (last.kind === 'repeat' || last.kind === 'block') ? lastItem(last.children) ?? last : last;
}
