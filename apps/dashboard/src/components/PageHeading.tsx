interface PagePlaceholderProps {
  title: string;
  children: React.ReactNode;
}

/** A page heading with a short description; replaced page by page as features land. */
export function PageHeading({ title, children }: PagePlaceholderProps) {
  return (
    <section className="page">
      <h1>{title}</h1>
      <p className="muted">{children}</p>
    </section>
  );
}
