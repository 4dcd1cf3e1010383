/** apps/next-web: the shared demo walk and routes, with Next.js in this process. */
import { exampleSuite } from '@tessera/example-common/testing/example';
import { startServer } from '../src/app.mjs';

exampleSuite({ startServer, title: 'Next.js 16 + @tessera/next', folder: 'next-web' });
