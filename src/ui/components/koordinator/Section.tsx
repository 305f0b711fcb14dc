import type { ComponentChildren } from 'preact';

/** A titled part of a view; its h2 names it for the landmark list and the print. */
export function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="form-section results-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
