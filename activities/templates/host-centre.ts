/**
 * The host centre's participant list: who is expected in Japan, in English (the centres' working
 * language with JICA headquarters). No contact details: the centre receives those through JICA.
 */
import type { HostCentreRequest } from '../contracts';

export function renderHostCentreList(request: HostCentreRequest): { subject: string; text: string } {
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
