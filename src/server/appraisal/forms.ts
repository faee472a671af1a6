// Commendation forms by id, from the editable list (reference_entries): an administrator may add forms, so
// their level (who may record the decision) is read from the database, never from the bundled defaults.
import type { CommendationForm } from '../../shared/reference';
import type { Tx } from '../db/transaction';
import { findCommendationForm } from '../reference/repo';

export const findForm = (db: Tx, id: string | null | undefined): Promise<CommendationForm | undefined> => findCommendationForm(db, id);

export const formLevel = async (db: Tx, id: string | null | undefined): Promise<string | undefined> => (await findForm(db, id))?.level;
