// GET /.well-known/jwks.json: the public signing key(s), served by the same handlers as /auth/*.
export { GET } from '../../../lib/auth';
