import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, updated live (read synchronously on first render). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => true,
  );
}

/** Desktop layout from antd's `lg` breakpoint (992px) up; phones and tablets get a drawer menu. */
export function useIsDesktop(): boolean {
  return useMediaQuery('(min-width: 992px)');
}
