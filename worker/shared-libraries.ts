/**
 * The libraries the domain uses inside workflows (see SHARED_WORKFLOW_MODULES),
 * imported the way domain/ imports them so webpack resolves the same files:
 * preloaded, they are evaluated once per V8 context instead of once per course.
 * Exported so the bundler keeps them (they declare no side effects).
 */
import * as ed25519 from '@noble/curves/ed25519';
import * as luxon from 'luxon';
import * as zod from 'zod';

// The SDK deep-freezes shared modules once they are loaded. zod fills two
// module-level values on first use (its global config, and whether eval is
// allowed): fill them now, or the first schema of every course would fail.
zod.config({ ...zod.locales.en(), memoizer: zod.core.memoizer() });
void zod.core.util.allowsEval.value;

export const sharedLibraries = { ed25519, luxon, zod };
