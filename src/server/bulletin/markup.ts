// HTML and XML built with one tagged template that escapes every interpolated value: citizens' text (a name
// with "<script>" or "&") can only ever come out as text. Only markup made by `markup` itself passes unescaped.
import { escapeXml } from '../../shared/xml';

/** Markup that is already safe (made by `markup`). */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Part = string | number | Markup | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Markup) return part.text;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeXml(String(part));
}

export function markup(strings: TemplateStringsArray, ...values: Part[]): Markup {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Markup(out);
}
