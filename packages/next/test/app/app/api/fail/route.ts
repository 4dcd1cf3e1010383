import { withAuth } from '../../../lib/auth';

export const GET = withAuth(() => {
  throw new Error(process.env.TESSERA_APP_FAILURE ?? 'the application failed');
});
