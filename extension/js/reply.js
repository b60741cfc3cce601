// The one shape of every answer the background gives the extension's pages: {ok: true, result} or
// {ok: false, code, message}. A handler returns its result or throws; a Refusal carries the code
// the page acts on (`refused`, `locked`, `invalid`, …), the native host's errors keep the host's
// code (`not_installed`, …), and anything else is `error`.
export class Refusal extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'Refusal';
    this.code = code;
  }
}

// A message cannot carry undefined: a handler with nothing to say answers null.
export const success = (result) => ({ ok: true, result: result ?? null });

export function failure(e) {
  return { ok: false, code: typeof e?.code === 'string' ? e.code : 'error', message: String(e?.message ?? e) };
}

// The result of a reply, or its failure thrown as a Refusal (code and message kept).
export function resultOf(reply) {
  if (reply?.ok === true) return reply.result;
  if (reply?.ok === false) throw new Refusal(reply.code, reply.message);
  throw new Refusal('no_reply', 'the background gave no answer');
}
