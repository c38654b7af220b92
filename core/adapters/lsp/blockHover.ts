// Hover inside a `block NAME(P, …) { … }` definition (spec §12). A line there has no shapes of its
// own: it has one set per use. So its hover is the kind's usual hover for the first use, then one
// short line per use (network, the use as written, l and shapes); with no use, the keyword's syntax
// and which of the block's parameters the line's sizes come from (docs/blocks.md, "Tools").

import type { BlockDefinition, Statement } from '../../language/ast';
import type { GroupInfo, LayerInfo, NetworkInfo, Position, Range, ShapeNode } from '../../language/api';
import type { Analysis } from '../../language';
import { allStatements, groupHoverLines, groupOf, isGroup } from '../../language/groupShapes';
import { layerHint } from '../../language/hoverLayer';
import { layerShapes } from '../../language/layerShapes';
import { contains } from './convert';

/**
 * One use of a block that reaches a line of its definition: the network, that line's layer there and,
 * when the use stands in another block, the uses around it, outermost first (`deep(6)` around `mlp(6, 6)`).
 */
interface BlockUse {
  network: NetworkInfo;
  layer: LayerInfo;
  around: GroupInfo[];
}

/** Where `p` is inside a block definition: the definition and its innermost statement there. */
export function locateInBlock(analysis: Analysis, p: Position): { block: BlockDefinition; statement?: Statement } | undefined {
  const block = analysis.ast.blocks.find((b) => contains(b.range, p));
  return block && { block, statement: allStatements(block.statements).filter((s) => contains(s.range, p)).pop() };
}

const sameStart = (a: Range, b: Range) => a.start.line === b.start.line && a.start.column === b.start.column;

/**
 * Each use of the block that expands `statement` to a layer, in file order: its first layer from
 * this line (a repeat copies the line, and the copies share their use's shapes). A use inside another
 * block is one use per place the chain of uses leads to it: `deep(6)` writing `mlp(n, n)` and
 * `mlp(5, 3)` gives `mlp`'s lines two uses, each with its own sizes.
 */
export function usesOf(networks: readonly NetworkInfo[], statement: Statement): BlockUse[] {
  return networks.flatMap((network) => {
    const found = new Map<string, BlockUse>();
    const visit = (nodes: readonly ShapeNode[], uses: readonly GroupInfo[]): void => nodes.forEach((node) => {
      if (node.kind !== 'layer') return visit(node.children, node.kind === 'block' ? [...uses, node] : uses);
      const layer = network.layers[node.l - 1];
      const key = uses.map((u) => `${u.range.start.line}:${u.range.start.column}`).join('/');
      if (layer?.use !== undefined && sameStart(layer.range, statement.range) && !found.has(key)) found.set(key, { network, layer, around: uses.slice(0, -1) });
    });
    visit(network.tree ?? [], []);
    return [...found.values()];
  });
}

/** `\`mlp(6, 6)\` in \`deep(6)\``: the use as written with its values, then the uses it stands in, innermost first. */
function useText({ layer, around }: BlockUse): string {
  return [layer.use, ...around.map((u) => `${u.name}(${(u.args ?? []).join(', ')})`).reverse()].map((t) => `\`${t}\``).join(' in ');
}

/** `block encoder(d, h, f)` */
function blockSignature(block: BlockDefinition): string {
  return `block ${block.name}(${block.params.map((q) => q.name).join(', ')})`;
}

/** One line per use: `use 2 in \`dates\`: \`encoder(32, 4, 64)\` (line 24), layer 9 · W (…) · b (…)`. */
export function useLines(uses: readonly BlockUse[]): string[] {
  if (uses.length < 2) return [];
  return [
    '',
    `**${uses.length} uses** of this line:`,
    '',
    ...uses.map((use, i) => {
      const { network, layer } = use;
      const where = layer.useRange ? ` (line ${layer.useRange.start.line})` : '';
      const shapes = layerHint(layerShapes(layer));
      return `- use ${i + 1} in \`${network.name}\`: ${useText(use)}${where}, layer ${layer.index}${shapes ? ` · ${shapes}` : ''}`;
    }),
  ];
}

/** The heading above the first use's hover: which use the table shows. */
export function firstUseLine(block: BlockDefinition, uses: readonly BlockUse[]): string {
  const of = uses.length > 1 ? ` (use 1 of ${uses.length})` : '';
  return `In \`${blockSignature(block)}\`, for ${useText(uses[0])} in \`${uses[0].network.name}\`${of}:`;
}

/** The block parameters written on `statement` (`dense f relu` → f), in order, once each. */
function paramsOn(statement: Statement): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const v = value as { kind?: unknown; param?: unknown; statements?: unknown };
    if (v.kind === 'number' && typeof v.param === 'string') found.add(v.param);
    // a group's inner lines have hovers of their own; its own line only
    for (const [key, inner] of Object.entries(value)) if (key !== 'statements') visit(inner);
  };
  visit(statement);
  return [...found];
}

/** What an unused definition's line can say: which parameters its sizes wait for. */
export function unusedLines(block: BlockDefinition, statement: Statement): string[] {
  const params = paramsOn(statement);
  const sizes = params.length > 0
    ? `its sizes here come from ${params.map((q) => `\`${q}\``).join(', ')}, so its shapes are known once a network uses the block`
    : 'its shapes are known once a network uses the block';
  return ['', `\`${blockSignature(block)}\` is not used in this file: ${sizes} (\`${block.name}(…)\`).`];
}

/** A group (or a nested use) inside a definition: the first use's expansion of it and the count. */
export function groupInBlockLines(block: BlockDefinition, statement: Statement, networks: readonly NetworkInfo[]): string[] | undefined {
  if (!isGroup(statement)) return undefined;
  for (const network of networks) {
    const group = groupOf(network, statement);
    if (group) return [`In \`${blockSignature(block)}\`, as first used in \`${network.name}\`:`, '', ...groupHoverLines(group, network)];
  }
  return undefined;
}
