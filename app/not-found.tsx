import Link from "next/link";

export default function NotFound() {
  return (
    <section className="intro">
      <h1>Not found</h1>
      <p>
        There is nothing at this address. <Link href="/">Back to the demos</Link>.
      </p>
    </section>
  );
}
