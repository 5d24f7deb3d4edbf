/**
 * A bare fetch client for the stand-in's own tests and the naive writer in the benchmark:
 * no retries, no pacing, nothing the adapter would add.
 */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export function bareGraph(baseUrl: string, token = 'stand-in-token') {
  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> => {
    const response = await fetch(url.startsWith('http') ? url : `${baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    call,
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    post: (url: string, body: unknown, headers?: Record<string, string>) => call('POST', url, body, headers),
    patch: (url: string, body: unknown, headers?: Record<string, string>) => call('PATCH', url, body, headers),
    del: (url: string, headers?: Record<string, string>) => call('DELETE', url, undefined, headers),
  };
}

/** The list the stand-in's tests and the benchmark use: a Health Check response, cut down. */
export function responsesListDefinition(displayName = 'Health Check responses'): Record<string, unknown> {
  return {
    displayName,
    list: { template: 'genericList' },
    columns: [
      { name: 'ResponseKey', text: {}, indexed: true, enforceUniqueValues: true },
      { name: 'CycleId', text: {}, indexed: true },
      { name: 'Team', text: {} },
      { name: 'Q1', number: {} },
      { name: 'Q2', choice: { choices: ['Agree', 'Neutral', 'Disagree'] } },
      { name: 'Submitted', dateTime: {} },
      { name: 'Complete', boolean: {} },
    ],
  };
}
