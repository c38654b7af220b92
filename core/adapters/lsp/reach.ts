// Which files a `.nn` document may read, as the editor always decided it (docs/limits.md, "Paths"):
// its workspace folder (else its own folder) silently; other files only in a trusted workspace.
// Editors without workspace trust (Neovim, Helix, …) count as trusted, like the command line.

import * as path from 'node:path';
import type { WorkspaceFolder } from 'vscode-languageserver';
import type { Reach } from '../../data/paths';
import { filePath } from './analyses';

export class Workspace {
  constructor(public folders: readonly WorkspaceFolder[], public trusted: boolean) {}

  reach(file: string): Reach {
    const folder = this.folderOf(file);
    return {
      roots: [folder ? folder.path : path.dirname(file)],
      name: folder ? `the workspace folder ${folder.name}` : "the `.nn` file's folder",
      outside: this.trusted ? 'warn' : 'deny',
    };
  }

  /** The innermost workspace folder holding `file`, as VS Code's getWorkspaceFolder picks it. */
  private folderOf(file: string): { path: string; name: string } | undefined {
    let best: { path: string; name: string } | undefined;
    for (const f of this.folders) {
      const dir = filePath(f.uri);
      if (!dir) continue;
      const rel = path.relative(dir, file);
      const inside = rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
      if (inside && (!best || dir.length > best.path.length)) best = { path: dir, name: f.name };
    }
    return best;
  }
}
