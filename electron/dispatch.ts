// The single entry every transport goes through: look the operation up by name, parse its input with the
// contract's schema, run the handler. IPC, HTTP and direct calls therefore validate identically.
import { parseInput, type Handlers, type OpInput, type OpOutput } from '../shared/contract';
import { DossierError } from '../shared/errors';
import { isOperationName, type OperationName } from '../shared/operations';

export type Dispatch = (name: string, rawInput: unknown) => Promise<unknown>;

export function createDispatch(getHandlers: () => Handlers): Dispatch {
  return async (name, rawInput) => {
    if (!isOperationName(name))
      throw new DossierError('not_found', `Unknown operation: ${name.slice(0, 100)}`);
    const input = parseInput(name, rawInput);
    const handler = getHandlers()[name] as (input: unknown) => unknown;
    return await handler(input);
  };
}

/** Typed direct calls (CLI, tests): the same path as the transports, with the renderer's signature. */
export function directClient(dispatch: Dispatch) {
  return async function call<K extends OperationName>(name: K, input: OpInput<K>): Promise<OpOutput<K>> {
    return (await dispatch(name, input)) as OpOutput<K>;
  };
}
