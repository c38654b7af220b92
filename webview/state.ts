// The training panel's bridge to the extension (bridge.ts): intents out, the view state kept
// across a reload.

import type { Intent } from '../core/services/protocol';
import { bridge } from './bridge';
import { restored, type ViewState } from './reducer';

export const { send, loadState, saveState } = bridge<Intent, ViewState>(restored);
