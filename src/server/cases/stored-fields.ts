// The case fields a row stores (cases.fields, case_revisions.fields): canonical JSON that the shared schema
// checked on the way in (cases/service.ts), read back without checking again. Migrations keep their own reading.
import type { CaseFields } from '../../shared/case-schema';

export const storedFields = (row: { fields: string }): CaseFields => JSON.parse(row.fields) as CaseFields;
