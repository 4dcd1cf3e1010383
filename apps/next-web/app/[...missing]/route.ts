// Every path no page or route claims: the core's 404 in the one JSON format of every answer.
import { adapterRefusal, errorResponse } from '@tessera/jwt-core/server';

function missing(request: Request): Response {
  const { pathname } = new URL(request.url);
  return errorResponse(adapterRefusal('not_found', { message: `no route for ${request.method} ${pathname}; GET / lists the routes` }));
}

export { missing as GET, missing as POST, missing as PUT, missing as PATCH, missing as DELETE };
