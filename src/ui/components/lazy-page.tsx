/**
 * Loads a screen's code on first use, so the first screen (login, list of ärenden) stays small.
 * Offline this works too: the service worker precaches every chunk of the build.
 */
import type { ComponentType, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/messages';

export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ((props: P) => JSX.Element) & { preload: () => void } {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  /** Starts loading the code now (e.g. the list while the unlock screen waits for the secret). */
  const preload = () => {
    loading ??= load().then((c) => {
      loaded = c;
      return c;
    });
    loading.catch(() => {
      loading = null;
    });
  };
  return Object.assign(
    function LazyPage(props: P) {
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
    },
    { preload },
  );
}
