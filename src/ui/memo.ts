// A component drawn again only when one of its props changed (compared one by one): the rows of a long list,
// which a keystroke in its search box would otherwise all draw again. Preact's own `memo` lives in preact/compat.
import { createElement, type FunctionComponent } from 'preact';

export function memo<P extends object>(component: FunctionComponent<P>): FunctionComponent<P> {
  function Memo(this: { props: P; shouldComponentUpdate?: (next: P) => boolean }, props: P) {
    this.shouldComponentUpdate = changed;
    return createElement(component, props);
  }
  function changed(this: { props: P }, next: P): boolean {
    const now = this.props as Record<string, unknown>;
    const then = next as Record<string, unknown>;
    for (const key in now) if (!(key in then)) return true;
    for (const key in then) if (now[key] !== then[key]) return true;
    return false;
  }
  return Memo;
}
