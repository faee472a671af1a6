// Reference data copied from ../shared/reference (sources in README). Ethnic groups and communes are fixed by
// law; the other lists are the defaults of the lists an administrator edits (the server keeps the edited lists,
// phones receive them when they sync; retired entries stay readable).
import ethnicGroupsJson from './reference/ethnic-groups.json';
import unitsJson from './reference/lai-chau-units.json';
import taxonomyJson from './reference/taxonomy.json';
import { PROVINCE_AREA } from './sync-protocol';

export interface ListEntry { id: string; name: string; retired?: boolean; priority?: boolean }
export interface EthnicGroup { code: string; name: string; searchAliases?: string[]; laiChau?: boolean }
export interface CommuneUnit { code: string; name: string; type: string }
export interface CommendationForm extends ListEntry { level: string; recipients?: string[] | null }

/** The lists an administrator edits (shared/reference-protocol.ts has their API). */
export interface EditableLists {
  movements: ListEntry[];
  fieldsOfLife: ListEntry[];
  subjectCategories: ListEntry[];
  commendationForms: CommendationForm[];
  awardTypes: ListEntry[];
}

export const defaultLists: EditableLists = {
  movements: taxonomyJson.movements,
  fieldsOfLife: taxonomyJson.fieldsOfLife,
  subjectCategories: taxonomyJson.subjectCategories,
  commendationForms: taxonomyJson.commendationForms,
  awardTypes: taxonomyJson.awardTypes,
};

export const SUBJECT_KINDS = ['ca-nhan', 'tap-the', 'ho-gia-dinh'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const subjectKindNames: Record<SubjectKind, string> = {
  'ca-nhan': 'Cá nhân',
  'tap-the': 'Tập thể',
  'ho-gia-dinh': 'Hộ gia đình',
};

export const GENDERS = ['nam', 'nu'] as const;
export type Gender = (typeof GENDERS)[number];
export const genderNames: Record<Gender, string> = { nam: 'Nam', nu: 'Nữ' };

export const KINH_CODE = '01';

// Both files are stored in the order they are shown (test/unit/text.test.ts checks it): sorting them here made
// every start of the app build a Vietnamese collator, 20–40 ms of a phone's first screen.
/** The 13 groups living as communities in Lai Châu first, then the rest in Vietnamese order. */
export const ethnicGroups: readonly EthnicGroup[] = ethnicGroupsJson as EthnicGroup[];

/** The 38 communes in Vietnamese order. */
export const communes: readonly CommuneUnit[] = unitsJson.units;

const communeByCode = new Map(communes.map((c) => [c.code, c]));
const ethnicByCode = new Map(ethnicGroups.map((g) => [g.code, g]));

export const isCommuneCode = (code: string): boolean => communeByCode.has(code);
export const isEthnicCode = (code: string): boolean => ethnicByCode.has(code);

export function communeLabel(code: string | undefined): string {
  const unit = code ? communeByCode.get(code) : undefined;
  return unit ? `${unit.type === 'phường' ? 'Phường' : 'Xã'} ${unit.name}` : '';
}

/** A user's area in a sentence: "toàn tỉnh Lai Châu", "Xã Mường Kim", or "mã 99999" for a code no longer known. */
export function areaLabel(area: string): string {
  if (area === PROVINCE_AREA) return 'toàn tỉnh Lai Châu';
  return communeLabel(area) || `mã ${area}`;
}

export function ethnicName(code: string | undefined): string {
  return (code && ethnicByCode.get(code)?.name) || '';
}

export function entryName(list: readonly ListEntry[], id: string | undefined): string {
  return (id && list.find((e) => e.id === id)?.name) || '';
}
