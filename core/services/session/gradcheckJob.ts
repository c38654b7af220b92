// The "Check Gradients" thread's job, checked as the training thread checks its `start` message
// (validate.ts): the thread trusts nothing that crosses into it, so a malformed network or entries
// count ends in a sentence, never in the engine allocating from a bad shape. The network is resolved
// once here; the check then loads its data within memory (gradcheck.ts).

import { describeValue, type GradCheckJob } from '../protocol';
import { validateSpec } from './validate';

/** The job with the checker's own spec, or what is wrong with it. */
export function checkGradCheckJob(value: unknown): GradCheckJob | string {
  if (value === null || typeof value !== 'object') return `the job must be an object, not ${describeValue(value)}`;
  const { spec, entries } = value as Record<string, unknown>;
  if (entries !== undefined && !(typeof entries === 'number' && Number.isInteger(entries) && entries >= 1)) {
    return `entries must be a whole number of at least 1, not ${describeValue(entries)}`;
  }
  const checked = validateSpec(spec);
  if (typeof checked === 'string') return checked;
  return entries === undefined ? { spec: checked } : { spec: checked, entries };
}
