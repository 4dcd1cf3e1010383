/** @type {import('next').NextConfig} */
export default {
  experimental: { authInterrupts: true },
};
