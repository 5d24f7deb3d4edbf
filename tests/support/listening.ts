import type { FastifyInstance } from 'fastify';

/** Starts the server on a free port (on `host`, loopback unless told) and gives its base address over loopback. */
export async function listening(server: FastifyInstance, host = '127.0.0.1'): Promise<string> {
  await server.listen({ port: 0, host });
  const address = server.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('The server is not listening on a port.');
  return `http://127.0.0.1:${address.port}`;
}
