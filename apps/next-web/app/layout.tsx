import type { ReactNode } from 'react';
import './globals.css';

export const metadata = { title: 'Tessera example web app' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <strong>Tessera example (Next.js)</strong>
          <a href="/dashboard">Dashboard</a>
          <a href="/admin">Admin</a>
          <a href="/api/me">/api/me</a>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
