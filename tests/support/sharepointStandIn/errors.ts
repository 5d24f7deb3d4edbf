/** An answer to one Graph request (top-level or inside a `$batch`). */
export interface GraphAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** Graph's error shape: `{ error: { code, message, innerError } }`. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}, innerCode?: string): GraphAnswer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: { error: { code, message, innerError: { ...(innerCode ? { code: innerCode } : {}), date: new Date().toISOString().slice(0, 19), 'request-id': 'stand-in' } } },
  };
}

/** Thrown inside the model; becomes a Graph error answer. */
export class GraphProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  answer(): GraphAnswer {
    return graphError(this.status, this.code, this.message, this.headers, this.innerCode);
  }
}

export const notFound = (what: string) => new GraphProblem(404, 'itemNotFound', `${what} could not be found.`);
export const invalid = (message: string) => new GraphProblem(400, 'invalidRequest', message);
