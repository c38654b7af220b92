// The `nnStudio.*` settings of a document, pulled from the client (workspace/configuration) and
// cached until the client says they changed. A client that has no settings gets the defaults, the
// same as the VS Code extension's package.json declares.

import type { Connection } from 'vscode-languageserver';

const DEFAULTS = {
  'diagnostics.debounceMs': 150,
  'inlayHints.enabled': true,
  'codeLens.enabled': true,
};
type Key = keyof typeof DEFAULTS;

export class Settings {
  private readonly cache = new Map<string, Promise<Record<string, unknown>>>();

  /** `pulled`: the client answers workspace/configuration requests. */
  constructor(private readonly connection: Connection, readonly pulled: boolean) {}

  async debounceMs(uri: string): Promise<number> {
    const value = await this.get(uri, 'diagnostics.debounceMs');
    return typeof value === 'number' && value >= 0 ? Math.min(value, 5000) : DEFAULTS['diagnostics.debounceMs'];
  }

  async flag(uri: string, key: 'inlayHints.enabled' | 'codeLens.enabled'): Promise<boolean> {
    const value = await this.get(uri, key);
    return typeof value === 'boolean' ? value : DEFAULTS[key];
  }

  clear(): void {
    this.cache.clear();
  }

  private async get(uri: string, key: Key): Promise<unknown> {
    if (!this.pulled) return DEFAULTS[key];
    let section = this.cache.get(uri);
    if (!section) {
      section = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'nnStudio' })
        .then((s: unknown) => (s && typeof s === 'object' ? (s as Record<string, unknown>) : {}), () => ({}));
      this.cache.set(uri, section);
    }
    const s = await section;
    // VS Code answers a section as nested objects ({ diagnostics: { debounceMs } }); accept dotted keys too.
    const [group, name] = key.split('.');
    const nested = s[group];
    return nested && typeof nested === 'object' ? (nested as Record<string, unknown>)[name] : s[key];
  }
}
