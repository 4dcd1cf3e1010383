/** apps/koa-api: the shared demo walk and routes, in-process. */
import { exampleSuite } from '@tessera/example-common/testing/example';
import { startServer } from '../src/app.mjs';

exampleSuite({ startServer, title: 'Koa + @tessera/koa', folder: 'koa-api' });
