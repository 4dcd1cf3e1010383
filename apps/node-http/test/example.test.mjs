/** apps/node-http: the shared demo walk and routes, in-process. */
import { exampleSuite } from '@tessera/example-common/testing/example';
import { startServer } from '../src/app.mjs';

exampleSuite({ startServer, title: 'node:http + @tessera/node', folder: 'node-http' });
