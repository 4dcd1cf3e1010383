/** apps/next-web keeps the example apps' contract (apps/README.md), black-box over real HTTP. */
import { fileURLToPath } from 'node:url';
import { contractSuite } from '@tessera/example-common/testing/contract';

contractSuite({ appDir: fileURLToPath(new URL('..', import.meta.url)), name: 'apps/next-web' });
