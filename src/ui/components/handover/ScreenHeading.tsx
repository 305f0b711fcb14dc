import { useEffect, useRef } from 'preact/hooks';

/**
 * The h1 of a hand-over screen. It takes focus when the screen appears, so each new statement is
 * announced by a screen reader and Tab starts from the top of the screen.
 */
export function ScreenHeading({ children, class: className }: { children: string; class?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} class={className}>
      {children}
    </h1>
  );
}
