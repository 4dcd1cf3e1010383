/**
 * `authInterrupts` lets requireAuth() answer a missing role with app/forbidden.tsx (403).
 *
 * @type {import('next').NextConfig}
 */
export default {
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};
