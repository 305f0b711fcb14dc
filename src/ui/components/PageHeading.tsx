import { useEffect, useRef } from 'preact/hooks';

/**
 * A screen's h1. After navigation it takes focus, so keyboard and screen-reader users start at
 * the top of the new screen instead of on a link that no longer exists.
 */
export function PageHeading({
  children,
  focus,
  lang,
}: {
  children: string;
  focus: boolean;
  /** The heading's language when it differs from the page's (an instrument form's name). */
  lang?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <h1 ref={ref} tabIndex={-1} class="page-heading" lang={lang}>
      {children}
    </h1>
  );
}
