import { DateTime } from 'luxon';
import { toTokyoIso } from '../../domain/calendar';

describe('fiscal calendar', () => {
  it('writes Tokyo times exactly as luxon does', () => {
    const viaLuxon = (i: string | number) =>
      (typeof i === 'string' ? DateTime.fromISO(i, { setZone: true }) : DateTime.fromMillis(i))
        .setZone('Asia/Tokyo')
        .toISO({ suppressMilliseconds: true });
    const samples: (string | number)[] = [
      '2027-03-01T00:00:00+09:00',
      '2027-07-31T15:00:00Z',
      '2028-01-01T00:00:00.250-05:30',
      '1950-06-01T00:00:00Z',
    ];
    for (let i = 0; i < 2000; i++) samples.push(Math.floor(Math.sin(i + 1) * 1e13) + 1.7e12 + (i % 3 === 0 ? 0 : i));
    for (const s of samples) expect([s, toTokyoIso(s)]).toEqual([s, viaLuxon(s)]);
  });
});
