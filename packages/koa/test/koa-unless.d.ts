/** koa-unless ships no types; the tests use it as koa-jwt users do (`middleware.unless = unless`). */
declare module 'koa-unless' {
  import type { Middleware } from 'koa';
  function unless(this: Middleware, options: { path?: (string | RegExp)[]; method?: string[]; custom?: (ctx: unknown) => boolean }): Middleware;
  export default unless;
}
