/**
 * Loads a screen's code on first use, so the first screen (login, list of ärenden) stays small.
 * Offline this works too: the service worker precaches every chunk of the build.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/sv';

export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [Page, setPage] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      loading ??= load().then((c) => {
        loaded = c;
        return c;
      });
      loading.then(
        (c) => setPage(() => c),
        () => {
          loading = null;
          setFailed(true);
        },
      );
    }, [Page]);
    if (Page) return <Page {...props} />;
    return (
      <p class="page" role={failed ? 'alert' : undefined}>
        {failed ? t.app.pageLoadFailed : t.app.loading}
      </p>
    );
  };
}
