import type { ComponentChildren } from 'preact';
import { Header } from './Header';
import { SkipLink } from './SkipLink';

/**
 * The frame of every screen outside hand-over mode: skip link, the header (banner landmark) and the
 * main landmark. `banner` carries app-wide notices (a waiting update); `header` the signed-in
 * user's parts of the header (see Header).
 */
export function Chrome({
  banner,
  header,
  children,
}: {
  banner?: ComponentChildren;
  header?: { nav?: ComponentChildren; account?: ComponentChildren; status?: ComponentChildren };
  children: ComponentChildren;
}) {
  return (
    <>
      <SkipLink />
      <Header {...header}>{banner}</Header>
      <main id="main" tabIndex={-1} class="app-main">
        {children}
      </main>
    </>
  );
}
