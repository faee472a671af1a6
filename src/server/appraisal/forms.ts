// Commendation forms by id (the reference list; administrators will edit it in a later issue).
import { defaultLists, type CommendationForm } from '../../shared/reference';

export const findForm = (id: string | null | undefined): CommendationForm | undefined =>
  id ? defaultLists.commendationForms.find((f) => f.id === id) : undefined;

export const formLevel = (id: string | null | undefined): string | undefined => findForm(id)?.level;
