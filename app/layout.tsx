import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Seven ML demos", template: "%s · Seven ML demos" },
  description: "Douwe Osinga's 2017 machine-learning demos as working software on real data, offline.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="site-title">
            Seven ML demos
          </Link>
        </header>
        <main>{children}</main>
        <footer className="site-footer">
          Runs offline on real data. <Link href="/status">System check</Link>
        </footer>
      </body>
    </html>
  );
}
