import type { NoticeMessages } from './types';

export const en: NoticeMessages = {
  addressee: 'Government of {{countryName}}{{#if authority}}, {{authority}}{{/if}}',
  greeting: 'Dear Sir or Madam,',
  closing: ['Yours sincerely,', 'Japan International Cooperation Agency (JICA)', 'Knowledge Co-Creation Program'],
  footer: 'This message was sent automatically by the KCCP course service. Reference: {{messageId}}',
  timeZoneSuffix: '(Japan time)',
  labels: {
    course: 'Course',
    subject: 'Subject',
    hostCentre: 'Host centre',
    fiscalYearCycle: 'Fiscal year / cycle',
    mode: 'Mode',
    keyDates: 'Key dates',
    from: 'from',
    to: 'to',
    facts: 'Details',
    deadline: 'Deadline',
    languages: 'Language of instruction',
  },
  modes: {
    'in-person': 'in person in Japan',
    online: 'online',
    hybrid: 'hybrid (online and in Japan)',
  },
  windows: {
    formulation: 'Formulation',
    scrutiny: 'Scrutiny',
    requestSurvey: 'Request survey',
    mofaDetermination: 'MOFA determination',
    nominations: 'Nominations',
    selection: 'Selection',
    preArrival: 'Pre-arrival activities',
    inJapan: 'Course in Japan',
    postReturn: 'Post-return activities',
    evaluation: 'Evaluation',
  },
  kinds: {
    'course-notification': {
      subject: '[JICA KCCP] Course offered: {{course.title}} (JFY{{fiscalYear}}, cycle {{cycle}})',
      paragraphs: [
        'We are pleased to inform you that the Knowledge Co-Creation Program course "{{course.title}}" will be held for JFY{{fiscalYear}} (cycle {{cycle}} of 3), {{modeLabel}}, and is offered to your country.',
        '{{#if languages}}The course is conducted in {{languages.all}}.{{/if}}',
        'The General Information package with the course outline and how to nominate will follow shortly.{{#if nominationsClose}} Nominations must reach JICA by {{nominationsClose}}.{{/if}}',
      ],
    },
    'general-information': {
      subject: '[JICA KCCP] General Information: {{course.title}} (JFY{{fiscalYear}}, cycle {{cycle}})',
      paragraphs: [
        'Please find attached the General Information (GI) package of the course "{{course.title}}" for JFY{{fiscalYear}} (cycle {{cycle}} of 3), and a calendar file of its key dates.',
        'Your government is invited to nominate suitable officials through the Embassy of Japan or the JICA office in your country. Nominations must reach JICA by {{nominationsClose}}.',
      ],
    },
    'nomination-acknowledgement': {
      subject: '[JICA KCCP] Nominations received: {{course.title}} (JFY{{fiscalYear}})',
      paragraphs: [
        'We acknowledge with thanks the receipt of your government\'s nominations for the course "{{course.title}}" (JFY{{fiscalYear}}, cycle {{cycle}}).{{#if count}} Nominees received: {{count}}.{{/if}}',
        'The result of the selection will be communicated to you after the selection period.',
      ],
      listTitle: 'Nominees received',
    },
    'selection-result': {
      subject: '[JICA KCCP] Selection result: {{course.title}} (JFY{{fiscalYear}})',
      paragraphs: [
        'The selection for the course "{{course.title}}" (JFY{{fiscalYear}}, cycle {{cycle}}) is complete.',
        '{{#if count}}We are pleased to inform you that {{count}} nominee(s) from your country have been selected, as listed below. Details of their participation will follow.{{else}}We regret to inform you that no nominee from your country could be selected this year. We thank your government for its interest.{{/if}}',
      ],
      listTitle: 'Selected participants',
    },
    'cycle-not-held': {
      subject: '[JICA KCCP] Course not held: {{course.title}} (JFY{{fiscalYear}})',
      paragraphs: [
        'We regret to inform you that the course "{{course.title}}" will not be held for JFY{{fiscalYear}} (cycle {{cycle}}).',
        '{{notHeld.reason}}',
        '{{notHeld.staffReason}}',
        'We apologise for any inconvenience and thank your government for its interest.',
      ],
    },
    'mode-change': {
      subject: '[JICA KCCP] Change of course mode: {{course.title}} (JFY{{fiscalYear}})',
      paragraphs: [
        'Please note that the course "{{course.title}}" (JFY{{fiscalYear}}, cycle {{cycle}}) will now be held {{modeLabel}}.',
        '{{#if facts.reason}}Reason: {{facts.reason}}{{/if}}',
        'Other arrangements remain as announced unless we inform you otherwise.',
      ],
    },
  },
  notHeld: {
    reasons: {
      'scrutiny-failed': 'The course will not be offered this fiscal year.',
      'scrutiny-undecided': 'The course will not be offered this fiscal year.',
      'no-plan': 'The course will not be offered this fiscal year.',
      'mofa-not-approved': 'The course will not be offered this fiscal year.',
      'mofa-undecided': 'The course will not be offered this fiscal year.',
      'too-few-requests': 'Not enough countries requested to take part in the course this year.',
      'no-nominations': 'No nominations were received for the course this year.',
      'selection-undecided': 'The selection of participants could not be completed in time.',
      cancelled: 'The course has been cancelled.',
    },
    otherReason: 'The course will not be offered this fiscal year.',
    staffReason: 'Reason for the cancellation: {{staffReason}}',
  },
  staffReminder: {
    subject: '[KCCP] {{subject}}: {{course.code}} cycle {{cycle}}{{#if deadline}}, due {{deadline}}{{/if}}',
    paragraphs: [
      'This is a reminder for the {{office}} about "{{subject}}" for the course {{course.code}} "{{course.title}}" (JFY{{fiscalYear}}, cycle {{cycle}}).',
      '{{#if deadline}}It is due by {{deadline}}.{{/if}}',
    ],
  },
  pdf: {
    eligibility:
      'Officials of the governments of the countries to which this course is offered, nominated by their government, with working experience in the subject of the course and a good command of {{languages.any}}.',
    eligibilityAnyLanguage:
      'Officials of the governments of the countries to which this course is offered, nominated by their government, with working experience in the subject of the course and a good command of the course language.',
    nomination:
      'The government sends its recommended organizations and nominees through the Embassy of Japan or the JICA office in the country. Nominations must reach JICA by {{nominationsClose}}.',
    calendarNote: 'All dates are in Japan time (Asia/Tokyo).',
  },
  ics: { deadlineTitle: 'Nomination deadline: {{course.title}}' },
};
