/**
 * Calls `onIdle` after `timeoutMs` without any input (touch, pointer, key, scroll) in the window.
 * Hand-over mode uses it so an abandoned tablet closes the questionnaire by itself.
 */
import { useEffect, useRef } from 'preact/hooks';

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export function useIdle(timeoutMs: number, onIdle: () => void, active = true): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!active) return;
    let timer = window.setTimeout(() => callback.current(), timeoutMs);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => callback.current(), timeoutMs);
    };
    for (const type of ACTIVITY) window.addEventListener(type, reset, { passive: true, capture: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, reset, { capture: true });
    };
  }, [timeoutMs, active]);
}
