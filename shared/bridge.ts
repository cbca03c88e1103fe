// What travels back from the main side for every call, on every transport: a result or a serialized error.
// The preload and the HTTP server both produce it; renderer/api.ts turns errors back into exceptions.
import type { SerializedError } from './errors';
import type { OperationName } from './operations';

export type Envelope<T = unknown> = { result: T } | { error: SerializedError };

/** The object the preload exposes as window.dossierBridge: one function per operation. */
export type Bridge = { readonly [K in OperationName]: (input: unknown) => Promise<Envelope> };

export const BRIDGE_GLOBAL = 'dossierBridge';
