// Where each screen lives: the links and the two routers (field/App.tsx, review/ReviewApp.tsx) take their paths
// from here. Plain data, so the field app can link to the workspace without loading it.

/** The id in "<prefix>/<id>", or undefined when `path` is anything else. */
function idUnder(prefix: string, path: string): string | undefined {
  if (!path.startsWith(`${prefix}/`)) return undefined;
  const id = path.slice(prefix.length + 1);
  return id && !id.includes('/') ? decodeURIComponent(id) : undefined;
}

export const fieldPaths = {
  list: '/',
  case: (id: string) => `/ho-so/${encodeURIComponent(id)}`,
  caseId: (path: string) => idUnder('/ho-so', path),
  storage: '/bo-nho',
  signIn: '/dang-nhap',
} as const;

const REVIEW = '/tham-dinh';
const REVIEW_CASES = `${REVIEW}/ho-so`;
const ADMIN = `${REVIEW}/quan-tri`;
const BATCHES = `${REVIEW}/dot-de-nghi`;

export const reviewPaths = {
  root: REVIEW,
  /** The case table, with its filters as a query string ("status=returned&q=mai"). */
  table: (search = '') => (search ? `${REVIEW}?${search}` : REVIEW),
  cases: REVIEW_CASES,
  case: (id: string) => `${REVIEW_CASES}/${encodeURIComponent(id)}`,
  caseId: (path: string) => idUnder(REVIEW_CASES, path),
  dashboard: `${REVIEW}/bao-cao`,
  admin: ADMIN,
  lists: `${ADMIN}/danh-muc`,
  /** Proposal batches (đợt đề nghị khen thưởng): the list, and one batch. */
  batches: BATCHES,
  batch: (id: string) => `${BATCHES}/${encodeURIComponent(id)}`,
  batchId: (path: string) => idUnder(BATCHES, path),
  commendationSettings: `${ADMIN}/khen-thuong`,
} as const;
