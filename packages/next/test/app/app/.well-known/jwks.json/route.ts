export { GET } from '../../../lib/auth';
