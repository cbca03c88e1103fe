// The renderer's one door to the main side. At start-up it picks the transport — the preload bridge in the
// desktop app, HTTP under `dossier serve` — and hands out the same typed DossierApi either way.
import type { DossierApi } from '../shared/contract';
import { BRIDGE_GLOBAL, type Bridge, type Envelope } from '../shared/bridge';
import { DossierError, isSerializedError } from '../shared/errors';
import { OPERATION_NAMES, type OperationName } from '../shared/operations';

type Call = (name: OperationName, input: unknown) => Promise<Envelope>;

function unwrap(envelope: unknown): unknown {
  if (typeof envelope === 'object' && envelope !== null) {
    if ('result' in envelope) return (envelope as { result: unknown }).result;
    const error = (envelope as { error?: unknown }).error;
    if (isSerializedError(error)) throw new DossierError(error.code, error.message);
  }
  throw new DossierError('internal', 'The app answered with something it should not have.');
}

const UPLOADS = new Set<OperationName>([
  'documents.importFile',
  'documents.importFiles',
  'documents.reimportFile',
  'exchange.preview',
  'exchange.openAsProject',
]);

const httpCall: Call = async (name, input) => {
  let response: Response;
  const body = JSON.stringify(input ?? {});
  try {
    response = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body,
      // Small writes (a note typed just before the tab closes) must outlive the page; keepalive allows 64 KB
      // in flight in all. Files are not sent that way: they would use up that allowance, and keepalive
      // requests are slower.
      keepalive: body.length < 60_000 && !UPLOADS.has(name),
    });
  } catch {
    throw new DossierError(
      'internal',
      'Lost contact with the Dossier server. Is `dossier serve` still running?',
    );
  }
  if (response.status === 401) {
    throw new DossierError('invalid_input', 'Not signed in: open the link printed by `dossier serve` again.');
  }
  return (await response.json()) as Envelope;
};

function bridgeCall(bridge: Bridge): Call {
  return (name, input) => bridge[name](input);
}

export function createApi(call: Call): DossierApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of OPERATION_NAMES) api[name] = async (input) => unwrap(await call(name, input));
  return api as unknown as DossierApi;
}

function pickTransport(): Call {
  const bridge = (window as unknown as Record<string, Bridge | undefined>)[BRIDGE_GLOBAL];
  return bridge ? bridgeCall(bridge) : httpCall;
}

export const api: DossierApi = createApi(pickTransport());
