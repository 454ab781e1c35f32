/**
 * With no SMTP_URL the worker writes each message as an .eml file a person
 * can open, named by course, cycle, kind and country; configuration errors
 * name the variable and never echo a secret.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { MailConfigError, createCourseActivitiesFromEnv, describeDelivery, loadMailConfig } from '../../activities';
import { context } from './support/fixtures';

const outbox = mkdtempSync(path.join(tmpdir(), 'kccp-outbox-'));

test('outbox mode writes readable .eml files named by course, cycle, kind and country', async () => {
  const mail = createCourseActivitiesFromEnv({ MAIL_OUTBOX_DIR: outbox });
  try {
    expect(mail.description).toBe(`outbox ${outbox}`);
    const report = await mail.activities.sendGeneralInformation({
      context,
      countries: ['KE', 'SN'],
    });
    // Delivering again (a retry that lost its heartbeat) replaces the files: the outbox still holds each notice once.
    await mail.activities.sendGeneralInformation({
      context,
      countries: ['KE', 'SN'],
    });
    await mail.activities.remindStaff({
      context,
      office: 'course-officer',
      subject: 'nominations-close',
      reminderKey: 'nominations-3d',
    });

    const folder = path.join(outbox, 'KCCP-2027-AGR-01', 'c1', 'general-information');
    expect(readdirSync(folder).sort()).toEqual(['KE.eml', 'SN.eml']);
    const parsed = await simpleParser(readFileSync(path.join(folder, 'SN.eml')));
    expect(parsed.messageId).toBe(report.delivered.SN);
    expect(parsed.to).toMatchObject({ text: 'kccp@gov-sn.example' });
    expect(parsed.subject).toContain('Informations générales');
    expect(parsed.attachments.map((a) => a.contentType).sort()).toEqual(['application/pdf', 'text/calendar']);

    const staff = path.join(outbox, 'KCCP-2027-AGR-01', 'c1', 'staff', 'course-officer', 'nominations-3d.eml');
    expect((await simpleParser(readFileSync(staff))).to).toMatchObject({
      text: 'course-officer@kccp.jica.example',
    });
  } finally {
    await mail.close();
  }
});

test('SMTP settings come from SMTP_URL, with credentials in the URL or in SMTP_USER / SMTP_PASSWORD', () => {
  const inUrl = loadMailConfig({
    SMTP_URL: 'smtps://kccp%40jica:s%3Acret@relay.example:465',
    MAIL_CONCURRENCY: '4',
  });
  expect(inUrl).toMatchObject({
    concurrency: 4,
    delivery: {
      mode: 'smtp',
      host: 'relay.example',
      port: 465,
      secure: true,
      auth: { user: 'kccp@jica', pass: 's:cret' },
    },
  });
  expect(describeDelivery(inUrl)).not.toContain('s:cret');

  const fromEnv = loadMailConfig({
    SMTP_URL: 'smtp://relay.example:2525',
    SMTP_USER: 'kccp',
    SMTP_PASSWORD: 'pw',
  });
  expect(fromEnv).toMatchObject({
    concurrency: 8,
    delivery: { port: 2525, secure: false, auth: { user: 'kccp', pass: 'pw' } },
  });
  expect(loadMailConfig({ SMTP_URL: '' }).delivery).toEqual({
    mode: 'outbox',
    dir: 'var/outbox',
  });
});

test('a bad mail setting fails fast naming the variable, not its value', () => {
  const failure = (env: NodeJS.ProcessEnv) => {
    try {
      loadMailConfig(env);
    } catch (err) {
      return err as MailConfigError;
    }
    throw new Error('expected the configuration to be refused');
  };
  expect(failure({ SMTP_URL: 'http://relay.example' }).variables).toEqual(['SMTP_URL']);
  expect(failure({ MAIL_CONCURRENCY: '0' }).variables).toEqual(['MAIL_CONCURRENCY']);
  expect(failure({ MAIL_FROM: 'nobody' }).message).toContain('MAIL_FROM');
  const secret = failure({
    SMTP_URL: 'smtp://relay.example',
    SMTP_USER: 'kccp',
  });
  expect(secret.variables).toEqual(['SMTP_PASSWORD']);
  expect(failure({ SMTP_URL: 'ftp://u:hunter2@relay.example' }).message).not.toContain('hunter2');
});
