// The bridge to the extension, for each page's state.ts: acquireVsCodeApi may be called once per
// page, so that module calls `bridge` once. getState/setState keep the view across a reload (with
// the extension's WebviewPanelSerializer); `restore` turns what was saved back into a view state.

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** `send` posts an intent of type I to the extension; the view state S is saved and loaded. */
export function bridge<I, S>(restore: (saved: S | undefined) => S) {
  const api = acquireVsCodeApi();
  return {
    send: (intent: I): void => api.postMessage(intent),
    loadState: (): S => restore(api.getState() as S | undefined),
    saveState: (state: S): void => api.setState(state),
  };
}
