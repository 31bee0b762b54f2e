import { randomBytes } from 'crypto';

/** A new document id, made by the function so a transaction can refer to a document before writing it. */
export const newId = () => randomBytes(16).toString('hex');
