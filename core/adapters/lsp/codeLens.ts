// "Train" and "Shapes" above each network (both commands take (uri, networkName)), and "Compare"
// above the first of a file with several networks: it compares all of them (nn.compareRuns takes
// (uri, names); the command palette asks which instead). The commands are the VS Code extension's,
// so other editors get the lenses as information (their titles) unless they bind those commands.
// The URI argument is a string; the extension's client turns it into a vscode.Uri. Off with
// `nnStudio.codeLens.enabled` (the server asks before calling this).

import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { thousands } from '../../foundation/numbers';
import type { Analyses } from './analyses';
import { toLspRange } from './convert';

export class NetworkLensProvider {
  /** `icons`: the client shows VS Code's `$(name)` icons in titles; other clients get plain text. */
  constructor(private readonly analyses: Analyses, private readonly icons: boolean) {}

  provideCodeLenses(doc: TextDocument): CodeLens[] {
    const networks = this.analyses.get(doc).networks;
    const lens = (range: CodeLens['range'], command: NonNullable<CodeLens['command']>): CodeLens =>
      ({ range, command: this.icons ? command : { ...command, title: command.title.replace(/^\$\([\w-]+\) /, '') } });
    return networks.flatMap((n, i) => {
      const at = toLspRange(n.nameRange);
      const args = [doc.uri, n.name];
      const params = `${thousands(n.params)} parameters`;
      return [
        lens(at, { title: '$(play) Train', command: 'nn.trainNetwork', arguments: args,
          tooltip: `Train ${n.name} and watch its cost fall` }),
        lens(at, { title: `$(symbol-array) Shapes · ${params}`, command: 'nn.showShapes', arguments: args,
          tooltip: `Print the shapes of every W[l], b[l], Z[l], A[l] of ${n.name}` }),
        // Above the first network of a file with several: train them all, their curves overlaid.
        ...(i === 0 && networks.length >= 2
          ? [lens(at, { title: `$(graph-line) Compare ${networks.length} networks`, command: 'nn.compareRuns', arguments: [doc.uri, networks.map((m) => m.name)],
              tooltip: 'Train every network of this file side by side and overlay their cost and accuracy curves' })]
          : []),
      ];
    });
  }
}
