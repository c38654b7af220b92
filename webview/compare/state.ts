// The comparison panel's bridge to the extension: acquireVsCodeApi may be called once per page.
// getState/setState keep the view across a reload (with the extension's WebviewPanelSerializer).

import type { CompareIntent } from '../../core/session/compare';
import { restoredCompare, type CompareState } from './reducer';

interface VsCodeApi {
  postMessage(message: CompareIntent): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function send(intent: CompareIntent): void {
  api.postMessage(intent);
}

export function loadState(): CompareState {
  return restoredCompare(api.getState() as CompareState | undefined);
}

export function saveState(state: CompareState): void {
  api.setState(state);
}
