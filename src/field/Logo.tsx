// The emblem in the header, drawn inline (the same drawing as /favicon.svg, test/support/make-icons.ts): as an
// <img>, an SVG file costs the first screen a document of its own to load, parse and lay out.
export function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 512 512" aria-hidden="true" focusable="false">
      <rect width="512" height="512" rx="112" fill="#9b1c1c" />
      <path
        stroke="#f6c343" stroke-width="22" stroke-linecap="round" fill="none"
        d="M410 256H446M389.4 333L420.5 351M333 389.4L351 420.5M256 410V446M179 389.4L161 420.5M122.6 333L91.5 351M102 256H66M122.6 179L91.5 161M179 122.6L161 91.5M256 102V66M333 122.6L351 91.5M389.4 179L420.5 161"
      />
      <circle cx="256" cy="256" r="128" fill="#fffaf3" stroke="#f6c343" stroke-width="16" />
      <polygon points="256,180 276,236.5 335.9,238 288.3,274.5 305.4,332 256,298 206.6,332 223.7,274.5 176.1,238 236,236.5" fill="#9b1c1c" />
    </svg>
  );
}
