import type { NoticeMessages } from './types';

export const es: NoticeMessages = {
  addressee: 'Gobierno de {{countryName}}{{#if authority}}, {{authority}}{{/if}}',
  greeting: 'Estimados señores:',
  closing: [
    'Atentamente,',
    'Agencia de Cooperación Internacional del Japón (JICA)',
    'Programa de Co-Creación de Conocimientos (KCCP)',
  ],
  footer: 'Este mensaje fue enviado automáticamente por el servicio de cursos KCCP. Referencia: {{messageId}}',
  timeZoneSuffix: '(hora de Japón)',
  labels: {
    course: 'Curso',
    subject: 'Área',
    hostCentre: 'Centro anfitrión',
    fiscalYearCycle: 'Año fiscal / ciclo',
    mode: 'Modalidad',
    keyDates: 'Fechas clave',
    from: 'del',
    to: 'al',
    facts: 'Detalles',
    deadline: 'Plazo',
    languages: 'Idioma de instrucción',
  },
  modes: {
    'in-person': 'de forma presencial en Japón',
    online: 'en línea',
    hybrid: 'de forma híbrida (en línea y en Japón)',
  },
  windows: {
    formulation: 'Formulación',
    scrutiny: 'Evaluación previa',
    requestSurvey: 'Encuesta de solicitudes',
    mofaDetermination: 'Decisión del MOFA',
    nominations: 'Postulaciones',
    selection: 'Selección',
    preArrival: 'Actividades previas a la llegada',
    inJapan: 'Curso en Japón',
    postReturn: 'Actividades posteriores al regreso',
    evaluation: 'Evaluación',
  },
  kinds: {
    'course-notification': {
      subject: '[JICA KCCP] Curso ofrecido: {{course.title}} (año fiscal {{fiscalYear}}, ciclo {{cycle}})',
      paragraphs: [
        'Nos complace informarles que el curso «{{course.title}}» del Programa de Co-Creación de Conocimientos se realizará en el año fiscal japonés {{fiscalYear}} (ciclo {{cycle}} de 3), {{modeLabel}}, y se ofrece a su país.',
        '{{#if languages}}El curso se imparte en {{languages.all}}.{{/if}}',
        'En breve recibirán el paquete de Información General con el programa del curso y el procedimiento de postulación.{{#if nominationsClose}} Las postulaciones deben llegar a JICA a más tardar el {{nominationsClose}}.{{/if}}',
      ],
    },
    'general-information': {
      subject: '[JICA KCCP] Información General: {{course.title}} (año fiscal {{fiscalYear}}, ciclo {{cycle}})',
      paragraphs: [
        'Adjuntamos el paquete de Información General (GI) del curso «{{course.title}}» para el año fiscal {{fiscalYear}} (ciclo {{cycle}} de 3) y un archivo de calendario con sus fechas clave.',
        'Se invita a su gobierno a postular a funcionarios idóneos a través de la Embajada del Japón o de la oficina de JICA en su país. Las postulaciones deben llegar a JICA a más tardar el {{nominationsClose}}.',
      ],
    },
    'nomination-acknowledgement': {
      subject: '[JICA KCCP] Postulaciones recibidas: {{course.title}} (año fiscal {{fiscalYear}})',
      paragraphs: [
        'Acusamos recibo, con agradecimiento, de las postulaciones de su gobierno para el curso «{{course.title}}» (año fiscal {{fiscalYear}}, ciclo {{cycle}}).{{#if count}} Postulaciones recibidas: {{count}}.{{/if}}',
        'El resultado de la selección se les comunicará al término del período de selección.',
      ],
      listTitle: 'Postulaciones recibidas',
    },
    'selection-result': {
      subject: '[JICA KCCP] Resultado de la selección: {{course.title}} (año fiscal {{fiscalYear}})',
      paragraphs: [
        'La selección para el curso «{{course.title}}» (año fiscal {{fiscalYear}}, ciclo {{cycle}}) ha concluido.',
        '{{#if count}}Nos complace informarles que {{count}} postulante(s) de su país han sido seleccionado(s), según la lista siguiente. Los detalles de su participación se enviarán próximamente.{{else}}Lamentamos informarles que este año no fue posible seleccionar a ningún postulante de su país. Agradecemos el interés de su gobierno.{{/if}}',
      ],
      listTitle: 'Participantes seleccionados',
    },
    'cycle-not-held': {
      subject: '[JICA KCCP] Curso no realizado: {{course.title}} (año fiscal {{fiscalYear}})',
      paragraphs: [
        'Lamentamos informarles que el curso «{{course.title}}» no se realizará en el año fiscal {{fiscalYear}} (ciclo {{cycle}}).',
        '{{notHeld.reason}}',
        '{{notHeld.staffReason}}',
        'Les pedimos disculpas por las molestias y agradecemos el interés de su gobierno.',
      ],
    },
    'mode-change': {
      subject: '[JICA KCCP] Cambio de modalidad: {{course.title}} (año fiscal {{fiscalYear}})',
      paragraphs: [
        'Les informamos que el curso «{{course.title}}» (año fiscal {{fiscalYear}}, ciclo {{cycle}}) se realizará ahora {{modeLabel}}.',
        '{{#if facts.reason}}Motivo: {{facts.reason}}{{/if}}',
        'Las demás disposiciones se mantienen, salvo aviso en contrario.',
      ],
    },
  },
  notHeld: {
    reasons: {
      'scrutiny-failed': 'El curso no se ofrecerá en este año fiscal.',
      'scrutiny-undecided': 'El curso no se ofrecerá en este año fiscal.',
      'no-plan': 'El curso no se ofrecerá en este año fiscal.',
      'mofa-not-approved': 'El curso no se ofrecerá en este año fiscal.',
      'mofa-undecided': 'El curso no se ofrecerá en este año fiscal.',
      'too-few-requests': 'Este año no hubo suficientes países que solicitaran participar en el curso.',
      'no-nominations': 'Este año no se recibieron postulaciones para el curso.',
      'selection-undecided': 'La selección de participantes no pudo completarse a tiempo.',
      cancelled: 'El curso ha sido cancelado.',
    },
    otherReason: 'El curso no se ofrecerá en este año fiscal.',
    staffReason: 'Motivo de la cancelación: {{staffReason}}',
  },
  staffReminder: {
    subject: '[KCCP] {{subject}}: {{course.code}} ciclo {{cycle}}{{#if deadline}}, plazo {{deadline}}{{/if}}',
    paragraphs: [
      'Recordatorio para {{office}} sobre «{{subject}}» del curso {{course.code}} «{{course.title}}» (año fiscal {{fiscalYear}}, ciclo {{cycle}}).',
      '{{#if deadline}}Plazo: {{deadline}}.{{/if}}',
    ],
  },
  pdf: {
    eligibility:
      'Funcionarios de los gobiernos de los países a los que se ofrece este curso, postulados por su gobierno, con experiencia laboral en el área del curso y buen dominio del idioma del curso ({{languages.any}}).',
    eligibilityAnyLanguage:
      'Funcionarios de los gobiernos de los países a los que se ofrece este curso, postulados por su gobierno, con experiencia laboral en el área del curso y buen dominio del idioma del curso.',
    nomination:
      'El gobierno envía las organizaciones y los postulantes que recomienda a través de la Embajada del Japón o de la oficina de JICA en el país. Las postulaciones deben llegar a JICA a más tardar el {{nominationsClose}}.',
    calendarNote: 'Todas las fechas están en hora de Japón (Asia/Tokyo).',
  },
  ics: { deadlineTitle: 'Plazo de postulación: {{course.title}}' },
};
