// Notices that arrive after the first paint (sending, a full phone, a new version, installing, going offline)
// live in a bar fixed to the bottom of the screen: appearing there moves nothing the reporter is reading.
// Its height is published as --dock-height so the page can scroll its last lines (and focus) clear of it.
import { useEffect, useRef } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export function Dock({ children }: { children: ComponentChildren }) {
  const dock = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = dock.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty('--dock-height', `${el.offsetHeight}px`));
    observer.observe(el);
    return () => { observer.disconnect(); root.removeProperty('--dock-height'); };
  }, []);
  return <div class="dock" ref={dock}>{children}</div>;
}
