/** apps/next-web: two processes sharing one Redis (apps/README.md, the multi-instance test). */
import { fileURLToPath } from 'node:url';
import { multiInstanceSuite } from '@tessera/example-common/testing/multi-instance';

multiInstanceSuite({ appDir: fileURLToPath(new URL('..', import.meta.url)), name: 'apps/next-web' });
