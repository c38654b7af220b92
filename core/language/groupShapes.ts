// What the editor says about a group of spec §12 (hover, inlay hints, the Outline): its output and
// parameter count on its closing line, and a use `NAME(…)` written out as the layers it stands for.

import { thousands } from '../foundation/numbers';
import type { GroupInfo, LayerInfo, NetworkInfo, ShapeNode } from './api';
import type { GroupNode, Statement, UseNode } from './ast';
import { shapeText } from './groups';
import { layerHint } from './hoverLayer';
import { layerShapes } from './layerShapes';

/** Every statement of `statements`, groups' own included, depth first. */
export function allStatements(statements: readonly Statement[]): Statement[] {
  return statements.flatMap((s) => [s, ...('statements' in s ? allStatements(s.statements) : [])]);
}

/** A group or a use: a statement the checker describes by its GroupInfo. */
export function isGroup(s: Statement): s is GroupNode | UseNode {
  return 'statements' in s || s.kind === 'use';
}

/** The checker's GroupInfo for group statement `s` (a repeated group's first copy). */
export function groupOf(info: NetworkInfo | undefined, s: Statement): GroupInfo | undefined {
  const find = (nodes: readonly ShapeNode[]): GroupInfo | undefined => {
    for (const node of nodes) {
      if (node.kind === 'layer') continue;
      if (node.range.start.line === s.range.start.line && node.range.start.column === s.range.start.column) return node;
      const inner = find(node.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return info?.tree && find(info.tree);
}

/** `→ (m, 8, 8, 8) · 1,168 parameters`: what a group gives. */
export function groupHint(group: GroupInfo): string {
  return `${group.output ? `→ ${shapeText(group.output)} · ` : ''}${thousands(group.params)} parameter${group.params === 1 ? '' : 's'}`;
}

/** The layers of `group`, in the order of l. */
export function groupLayers(group: GroupInfo, info: NetworkInfo): LayerInfo[] {
  const out: LayerInfo[] = [];
  const visit = (nodes: readonly ShapeNode[]) => nodes.forEach((n) => (n.kind === 'layer' ? info.layers[n.l - 1] && out.push(info.layers[n.l - 1]) : visit(n.children)));
  visit(group.children);
  return out;
}

/** The hover of a group: its output and parameters, and each of its layers with l and shapes. */
export function groupHoverLines(group: GroupInfo, info: NetworkInfo): string[] {
  const title = group.kind === 'block' ? `\`${group.name}(${(group.args ?? []).join(', ')})\` expands to` : `**${group.kind}**`;
  return [
    `${title} ${groupHint(group)}`,
    '',
    ...groupLayers(group, info).map((l) => `- layer ${l.index} \`${l.kind}\`: ${layerHint(layerShapes(l)) ?? ''}`),
  ];
}
