// A menu or tab link: followed without a page load, and marked for screen readers when it is the page shown.
import type { ComponentChildren } from 'preact';
import { onLinkClick } from './router';

export function NavLink({ href, current, children }: { href: string; current: boolean; children: ComponentChildren }) {
  return <a href={href} onClick={onLinkClick} aria-current={current ? 'page' : undefined}>{children}</a>;
}
