import type { NoticeMessages } from './types';

export const fr: NoticeMessages = {
  addressee: 'Gouvernement : {{countryName}}{{#if authority}}, {{authority}}{{/if}}',
  greeting: 'Madame, Monsieur,',
  closing: [
    "Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
    'Agence japonaise de coopération internationale (JICA)',
    'Programme de co-création de connaissances (KCCP)',
  ],
  footer: 'Ce message a été envoyé automatiquement par le service des cours KCCP. Référence : {{messageId}}',
  timeZoneSuffix: '(heure du Japon)',
  labels: {
    course: 'Cours',
    subject: 'Domaine',
    hostCentre: "Centre d'accueil",
    fiscalYearCycle: 'Exercice / cycle',
    mode: 'Modalité',
    keyDates: 'Dates clés',
    from: 'du',
    to: 'au',
    facts: 'Détails',
    deadline: 'Échéance',
    languages: 'Langue d’enseignement',
  },
  modes: {
    'in-person': 'en présentiel au Japon',
    online: 'en ligne',
    hybrid: 'en mode hybride (en ligne et au Japon)',
  },
  windows: {
    formulation: 'Formulation',
    scrutiny: 'Examen',
    requestSurvey: 'Enquête sur les demandes',
    mofaDetermination: 'Décision du MOFA',
    nominations: 'Candidatures',
    selection: 'Sélection',
    preArrival: 'Activités avant l’arrivée',
    inJapan: 'Cours au Japon',
    postReturn: 'Activités après le retour',
    evaluation: 'Évaluation',
  },
  kinds: {
    'course-notification': {
      subject: '[JICA KCCP] Cours proposé : {{course.title}} (exercice {{fiscalYear}}, cycle {{cycle}})',
      paragraphs: [
        'Nous avons le plaisir de vous informer que le cours « {{course.title}} » du Programme de co-création de connaissances aura lieu pour l’exercice japonais {{fiscalYear}} (cycle {{cycle}} sur 3), {{modeLabel}}, et qu’il est proposé à votre pays.',
        '{{#if languages}}Le cours est dispensé en {{languages.all}}.{{/if}}',
        'Le dossier d’informations générales, avec le programme du cours et les modalités de candidature, suivra prochainement.{{#if nominationsClose}} Les candidatures doivent parvenir à la JICA au plus tard le {{nominationsClose}}.{{/if}}',
      ],
    },
    'general-information': {
      subject: '[JICA KCCP] Informations générales : {{course.title}} (exercice {{fiscalYear}}, cycle {{cycle}})',
      paragraphs: [
        'Veuillez trouver ci-joint le dossier d’informations générales (GI) du cours « {{course.title}} » pour l’exercice {{fiscalYear}} (cycle {{cycle}} sur 3), ainsi qu’un fichier calendrier de ses dates clés.',
        'Votre gouvernement est invité à proposer des fonctionnaires qualifiés par l’intermédiaire de l’ambassade du Japon ou du bureau de la JICA dans votre pays. Les candidatures doivent parvenir à la JICA au plus tard le {{nominationsClose}}.',
      ],
    },
    'nomination-acknowledgement': {
      subject: '[JICA KCCP] Candidatures reçues : {{course.title}} (exercice {{fiscalYear}})',
      paragraphs: [
        'Nous accusons réception, avec nos remerciements, des candidatures de votre gouvernement pour le cours « {{course.title}} » (exercice {{fiscalYear}}, cycle {{cycle}}).{{#if count}} Candidatures reçues : {{count}}.{{/if}}',
        'Le résultat de la sélection vous sera communiqué à l’issue de la période de sélection.',
      ],
      listTitle: 'Candidatures reçues',
    },
    'selection-result': {
      subject: '[JICA KCCP] Résultat de la sélection : {{course.title}} (exercice {{fiscalYear}})',
      paragraphs: [
        'La sélection pour le cours « {{course.title}} » (exercice {{fiscalYear}}, cycle {{cycle}}) est terminée.',
        '{{#if count}}Nous avons le plaisir de vous informer que {{count}} candidat(s) de votre pays ont été retenu(s), comme indiqué ci-dessous. Les détails de leur participation suivront.{{else}}Nous avons le regret de vous informer qu’aucun candidat de votre pays n’a pu être retenu cette année. Nous remercions votre gouvernement de son intérêt.{{/if}}',
      ],
      listTitle: 'Participants retenus',
    },
    'cycle-not-held': {
      subject: '[JICA KCCP] Cours non tenu : {{course.title}} (exercice {{fiscalYear}})',
      paragraphs: [
        'Nous avons le regret de vous informer que le cours « {{course.title}} » n’aura pas lieu pour l’exercice {{fiscalYear}} (cycle {{cycle}}).',
        '{{notHeld.reason}}',
        '{{notHeld.staffReason}}',
        'Nous vous prions de nous excuser pour ce désagrément et remercions votre gouvernement de son intérêt.',
      ],
    },
    'mode-change': {
      subject: '[JICA KCCP] Changement de modalité : {{course.title}} (exercice {{fiscalYear}})',
      paragraphs: [
        'Veuillez noter que le cours « {{course.title}} » (exercice {{fiscalYear}}, cycle {{cycle}}) se tiendra désormais {{modeLabel}}.',
        '{{#if facts.reason}}Motif : {{facts.reason}}{{/if}}',
        'Les autres dispositions restent inchangées, sauf avis contraire de notre part.',
      ],
    },
  },
  notHeld: {
    reasons: {
      'scrutiny-failed': 'Le cours ne sera pas proposé au cours de cet exercice.',
      'scrutiny-undecided': 'Le cours ne sera pas proposé au cours de cet exercice.',
      'no-plan': 'Le cours ne sera pas proposé au cours de cet exercice.',
      'mofa-not-approved': 'Le cours ne sera pas proposé au cours de cet exercice.',
      'mofa-undecided': 'Le cours ne sera pas proposé au cours de cet exercice.',
      'too-few-requests': 'Le nombre de pays ayant demandé à participer au cours cette année est insuffisant.',
      'no-nominations': 'Aucune candidature n’a été reçue pour ce cours cette année.',
      'selection-undecided': 'La sélection des participants n’a pas pu être achevée à temps.',
      cancelled: 'Le cours a été annulé.',
    },
    otherReason: 'Le cours ne sera pas proposé au cours de cet exercice.',
    staffReason: 'Motif de l’annulation : {{staffReason}}',
  },
  staffReminder: {
    subject: '[KCCP] {{subject}} : {{course.code}} cycle {{cycle}}{{#if deadline}}, échéance {{deadline}}{{/if}}',
    paragraphs: [
      'Rappel pour {{office}} concernant « {{subject}} » pour le cours {{course.code}} « {{course.title}} » (exercice {{fiscalYear}}, cycle {{cycle}}).',
      '{{#if deadline}}Échéance : {{deadline}}.{{/if}}',
    ],
  },
  pdf: {
    eligibility:
      'Fonctionnaires des gouvernements des pays auxquels ce cours est proposé, désignés par leur gouvernement, ayant une expérience professionnelle dans le domaine du cours et une bonne maîtrise de la langue du cours ({{languages.any}}).',
    eligibilityAnyLanguage:
      'Fonctionnaires des gouvernements des pays auxquels ce cours est proposé, désignés par leur gouvernement, ayant une expérience professionnelle dans le domaine du cours et une bonne maîtrise de la langue du cours.',
    nomination:
      'Le gouvernement transmet les organisations et les candidats qu’il recommande par l’intermédiaire de l’ambassade du Japon ou du bureau de la JICA dans le pays. Les candidatures doivent parvenir à la JICA au plus tard le {{nominationsClose}}.',
    calendarNote: 'Toutes les dates sont exprimées en heure du Japon (Asia/Tokyo).',
  },
  ics: { deadlineTitle: 'Date limite des candidatures : {{course.title}}' },
};
