// Which network a command or view means: the one named, else the one around the cursor, else the first.

import * as vscode from 'vscode';
import type { NetworkInfo } from '../core/language/api';
import { contains, fromVsPosition } from './convert';

export function networkAt(networks: readonly NetworkInfo[], name?: string, at?: vscode.Position): NetworkInfo | undefined {
  if (name !== undefined) return networks.find((n) => n.name === name);
  const p = at && fromVsPosition(at);
  return (p && networks.find((n) => contains(n.range, p))) ?? networks[0];
}
