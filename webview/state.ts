// The bridge to the extension: acquireVsCodeApi may be called once per page, so it lives here.
// getState/setState keep the view across a reload (with the extension's WebviewPanelSerializer).

import type { Intent } from '../core/protocol';
import { restored, type ViewState } from './reducer';

interface VsCodeApi {
  postMessage(message: Intent): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function send(intent: Intent): void {
  api.postMessage(intent);
}

export function loadState(): ViewState {
  return restored(api.getState() as ViewState | undefined);
}

export function saveState(state: ViewState): void {
  api.setState(state);
}
