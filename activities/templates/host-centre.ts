/**
 * The host centre's participant list: who is expected in Japan, in the centre's language. Host
 * centres are JICA domestic offices, so Japanese unless the host centre file says `"language": "en"`.
 * No contact details: the centre receives those through JICA.
 */
import type { HostCentreRequest } from '../contracts';
import type { ParticipantStatus } from '../../domain/lifecycle/types';

export const HOST_CENTRE_LANGUAGES = ['ja', 'en'] as const;
export type HostCentreLanguage = (typeof HOST_CENTRE_LANGUAGES)[number];

const STATUS_JA: Record<ParticipantStatus, string> = {
  nominated: '応募中',
  selected: '選考済み（参加回答待ち）',
  'not-selected': '不選考',
  accepted: '参加確定',
  declined: '参加辞退',
  withdrawn: '参加取りやめ',
  attended: '参加',
  completed: '修了',
};

/**
 * The domain words each change in English ("selection made", "Jane (KE) withdrew", "Jane (KE)
 * declined the place", "Mary (KE) replaces Jane"); the known ones are put in Japanese, any other
 * is quoted as written rather than guessed at.
 */
function reasonJa(reason: string, country: (code: string) => string): string {
  if (reason === 'selection made') return '選考結果の決定';
  const withdrew = /^(.+) \(([A-Z]{2})\) withdrew$/.exec(reason);
  if (withdrew) return `${withdrew[1]}（${country(withdrew[2]!)}）の参加取りやめ`;
  const declined = /^(.+) \(([A-Z]{2})\) declined the place$/.exec(reason);
  if (declined) return `${declined[1]}（${country(declined[2]!)}）の参加辞退`;
  const replaces = /^(.+) \(([A-Z]{2})\) replaces (.+)$/.exec(reason);
  if (replaces) return `${replaces[3]}に代わり${replaces[1]}（${country(replaces[2]!)}）が参加`;
  return reason;
}

function renderJa(request: HostCentreRequest): { subject: string; text: string } {
  const { context, change, reason, participants } = request;
  const names = new Intl.DisplayNames(['ja'], { type: 'region', fallback: 'code' });
  const country = (code: string) => names.of(code) ?? code;
  const title = `${context.course.code} ${context.course.title}（${context.fiscalYear}年度 第${context.cycle}回）`;
  const subject = `[KCCP] 研修員名簿${change === 1 ? '' : `（第${change - 1}回更新）`}: ${title}`;
  const lines = participants.map(
    (p, i) => `${i + 1}. ${p.name}（${country(p.country)}）${p.organization}: ${STATUS_JA[p.status]}`,
  );
  const text = [
    `${context.course.hostCentre} 御中`,
    '',
    `${title}の研修員名簿を${change === 1 ? 'お送りします' : '更新しました'}。`,
    `理由: ${reasonJa(reason, country)}`,
    '',
    `来日予定の研修員（${participants.length}名）:`,
    ...(lines.length ? lines : ['（なし）']),
    '',
    change === 1 ? '名簿に変更があるたびに、全体を改めてお送りします。' : 'この名簿は前回お送りしたものに代わります。',
  ].join('\n');
  return { subject, text };
}

function renderEn(request: HostCentreRequest): { subject: string; text: string } {
  const { context, change, reason, participants } = request;
  const title = `${context.course.code} ${context.course.title}, cycle ${context.cycle} (JFY${context.fiscalYear})`;
  const subject = `[KCCP] Participant list ${change === 1 ? '' : `(update ${change - 1}) `}for ${title}`;
  const lines = participants.map((p, i) => `${i + 1}. ${p.name} (${p.country}), ${p.organization}: ${p.status}`);
  const text = [
    `To ${context.course.hostCentre},`,
    '',
    `${change === 1 ? 'The participants of' : 'The participant list has changed for'} ${title}.`,
    `Reason: ${reason}.`,
    '',
    `Participants expected (${participants.length}):`,
    ...(lines.length ? lines : ['(none)']),
    '',
    change === 1
      ? 'You will receive the whole list again whenever it changes.'
      : 'This list replaces the one sent before.',
  ].join('\n');
  return { subject, text };
}

export function renderHostCentreList(
  request: HostCentreRequest,
  language: HostCentreLanguage = 'ja',
): { subject: string; text: string } {
  return language === 'en' ? renderEn(request) : renderJa(request);
}
