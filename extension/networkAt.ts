// Which network a command or view means (core/adapters/lsp/locate.ts decides), at a VS Code position.

import * as vscode from 'vscode';
import type { NetworkInfo } from '../core/language/api';
import { networkAt as networkAtCore } from '../core/adapters/lsp/locate';
import { fromVsPosition } from './convert';

export function networkAt(networks: readonly NetworkInfo[], name?: string, at?: vscode.Position): NetworkInfo | undefined {
  return networkAtCore(networks, name, at && fromVsPosition(at));
}
