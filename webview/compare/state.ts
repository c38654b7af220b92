// The comparison panel's bridge to the extension (../bridge.ts): intents out, the view state kept
// across a reload.

import type { CompareIntent } from '../../core/services/session/compare';
import { bridge } from '../bridge';
import { restoredCompare, type CompareState } from './reducer';

export const { send, loadState, saveState } = bridge<CompareIntent, CompareState>(restoredCompare);
