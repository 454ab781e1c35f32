import type { NoticeLanguage } from '../../../domain/reference';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { ja } from './ja';
import type { DocumentWords } from './types';

export type { DocumentWords } from './types';

/** One entry per notice language: the compiler refuses a language without its document words. */
export const DOCUMENT_WORDS: Readonly<Record<NoticeLanguage, DocumentWords>> = { en, fr, es, ja };
