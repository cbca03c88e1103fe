// Errors that cross the process boundary. Each has a code the UI and the CLI can act on and a message a
// researcher understands; transports carry { code, message } and rebuild the same class on the other side.

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'import_refused',
  'project_error',
  'future_schema',
  'read_only',
  /** The data changed since the action was made (an undo whose rows another window has edited since). */
  'conflict',
  'unsupported',
  /** A file could not be written (a full disk, no permission); nothing was changed. */
  'write_failed',
  /** The user cancelled a long job (an export, a merge); nothing was changed. */
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class DossierError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DossierError';
    this.code = code;
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DossierError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && ERROR_CODES.includes(v.code as ErrorCode);
}
