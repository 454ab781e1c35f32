import type { NoticeLanguage } from '../../../domain/reference';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { ja } from './ja';
import type { NoticeMessages } from './types';

export type { NoticeMessages, NoticeText } from './types';

export const MESSAGES: Readonly<Record<NoticeLanguage, NoticeMessages>> = {
  en,
  fr,
  es,
  ja,
};
