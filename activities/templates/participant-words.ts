/**
 * The words of the documents participants receive (participant-documents-v1), in each notice
 * language. Kept apart from the governments' notices: a participant is addressed in person.
 */
import type { NoticeLanguage } from '../../domain/reference';

/** What a participant's document says of them and their course, already in the reader's words. */
export interface ParticipantView {
  name: string;
  organization: string;
  country: string;
  title: string;
  code: string;
  fiscalYear: number;
  hostCentre: string;
  /** "from 1 July 2028 to 31 August 2028" */
  inJapan: string;
  /** The day to arrive: the first day of the course in Japan. */
  arrival: string;
  /** The action plan's due date (action-plan documents only). */
  due: string;
}

export interface ParticipantWords {
  dear: (v: ParticipantView) => string;
  closing: string;
  labels: {
    participant: string;
    organization: string;
    country: string;
    course: string;
    code: string;
    hostCentre: string;
    inJapan: string;
    arrival: string;
    due: string;
  };
  letter: { title: string; subject: (v: ParticipantView) => string; body: (v: ParticipantView) => string[] };
  certificate: { title: string; subject: (v: ParticipantView) => string; body: (v: ParticipantView) => string[] };
  joining: { subject: (v: ParticipantView) => string; body: (v: ParticipantView) => string[]; bring: string[] };
  actionPlan: {
    requestSubject: (v: ParticipantView) => string;
    reminderSubject: (v: ParticipantView) => string;
    finalSubject: (v: ParticipantView) => string;
    body: (v: ParticipantView) => string[];
  };
  /** The body of the mail that carries a PDF. */
  attached: string;
  from: { from: string; to: string };
}

const en: ParticipantWords = {
  dear: (v) => `Dear ${v.name},`,
  closing: 'Japan International Cooperation Agency (JICA), Knowledge Co-Creation Program',
  labels: {
    participant: 'Participant',
    organization: 'Organisation',
    country: 'Country',
    course: 'Course',
    code: 'Course code',
    hostCentre: 'Host centre',
    inJapan: 'In Japan',
    arrival: 'Arrival',
    due: 'Due',
  },
  letter: {
    title: 'Letter of Acceptance',
    subject: (v) => `Letter of acceptance: ${v.title} (${v.code})`,
    body: (v) => [
      `We are pleased to inform you that you have been accepted as a participant in the course "${v.title}" of the JICA Knowledge Co-Creation Program, JFY${v.fiscalYear}.`,
      `The course will be held in Japan ${v.inJapan}, hosted by ${v.hostCentre}.`,
      'Joining instructions will follow before your arrival. A copy of this letter goes to your government.',
    ],
  },
  certificate: {
    title: 'Certificate of Completion',
    subject: (v) => `Certificate of completion: ${v.title} (${v.code})`,
    body: (v) => [
      'This is to certify that',
      v.name,
      `of ${v.organization}, ${v.country}, has completed the course "${v.title}" of the JICA Knowledge Co-Creation Program, held in Japan ${v.inJapan}.`,
    ],
  },
  joining: {
    subject: (v) => `Joining instructions: ${v.title} (${v.code})`,
    body: (v) => [
      `Welcome to the course "${v.title}". Please arrive in Japan on ${v.arrival}; the course runs ${v.inJapan} at ${v.hostCentre}, which will meet you and arrange your accommodation.`,
      'Please bring:',
    ],
    bring: [
      'your passport, valid for the whole stay, with a visa where one is needed',
      'your country report, as asked in the General Information',
      'clothing for the season and any medicine you need',
    ],
  },
  actionPlan: {
    requestSubject: (v) => `Your action plan: ${v.title} (${v.code})`,
    reminderSubject: (v) => `Reminder: your action plan for ${v.title} (${v.code})`,
    finalSubject: (v) => `Last reminder: your action plan for ${v.title} (${v.code})`,
    body: (v) => [
      `Thank you for taking part in "${v.title}". Please send us your action plan, the plan you prepared for your organisation, and a short account of what has been put into practice since your return.`,
      `Please send it by ${v.due}, through the JICA office in your country or by replying to this e-mail.`,
    ],
  },
  attached: 'Your document is attached (PDF).',
  from: { from: 'from', to: 'to' },
};

const fr: ParticipantWords = {
  dear: (v) => `Madame, Monsieur ${v.name},`,
  closing: 'Agence japonaise de coopération internationale (JICA), Programme de co-création de connaissances',
  labels: {
    participant: 'Participant(e)',
    organization: 'Organisation',
    country: 'Pays',
    course: 'Cours',
    code: 'Code du cours',
    hostCentre: "Centre d'accueil",
    inJapan: 'Au Japon',
    arrival: 'Arrivée',
    due: 'Échéance',
  },
  letter: {
    title: "Lettre d'admission",
    subject: (v) => `Lettre d'admission : ${v.title} (${v.code})`,
    body: (v) => [
      `Nous avons le plaisir de vous informer que vous êtes admis(e) comme participant(e) au cours « ${v.title} » du Programme de co-création de connaissances de la JICA, AFJ${v.fiscalYear}.`,
      `Le cours aura lieu au Japon ${v.inJapan}, au ${v.hostCentre}.`,
      "Les instructions d'arrivée suivront avant votre départ. Une copie de cette lettre est adressée à votre gouvernement.",
    ],
  },
  certificate: {
    title: 'Certificat de fin de formation',
    subject: (v) => `Certificat de fin de formation : ${v.title} (${v.code})`,
    body: (v) => [
      'Nous certifions que',
      v.name,
      `de ${v.organization}, ${v.country}, a suivi jusqu'à son terme le cours « ${v.title} » du Programme de co-création de connaissances de la JICA, tenu au Japon ${v.inJapan}.`,
    ],
  },
  joining: {
    subject: (v) => `Instructions d'arrivée : ${v.title} (${v.code})`,
    body: (v) => [
      `Bienvenue au cours « ${v.title} ». Veuillez arriver au Japon le ${v.arrival} ; le cours se déroule ${v.inJapan} au ${v.hostCentre}, qui vous accueillera et organisera votre hébergement.`,
      'Veuillez apporter :',
    ],
    bring: [
      'votre passeport, valable pour tout le séjour, avec un visa si nécessaire',
      'votre rapport pays, comme demandé dans les informations générales',
      'des vêtements de saison et vos médicaments',
    ],
  },
  actionPlan: {
    requestSubject: (v) => `Votre plan d'action : ${v.title} (${v.code})`,
    reminderSubject: (v) => `Rappel : votre plan d'action pour ${v.title} (${v.code})`,
    finalSubject: (v) => `Dernier rappel : votre plan d'action pour ${v.title} (${v.code})`,
    body: (v) => [
      `Merci d'avoir participé au cours « ${v.title} ». Veuillez nous envoyer votre plan d'action, préparé pour votre organisation, et un bref compte rendu de sa mise en œuvre depuis votre retour.`,
      `Veuillez l'envoyer au plus tard le ${v.due}, par le bureau de la JICA de votre pays ou en répondant à ce courriel.`,
    ],
  },
  attached: 'Votre document est joint (PDF).',
  from: { from: 'du', to: 'au' },
};

const es: ParticipantWords = {
  dear: (v) => `Estimado/a ${v.name}:`,
  closing: 'Agencia de Cooperación Internacional del Japón (JICA), Programa de Cocreación de Conocimientos',
  labels: {
    participant: 'Participante',
    organization: 'Organización',
    country: 'País',
    course: 'Curso',
    code: 'Código del curso',
    hostCentre: 'Centro anfitrión',
    inJapan: 'En Japón',
    arrival: 'Llegada',
    due: 'Plazo',
  },
  letter: {
    title: 'Carta de aceptación',
    subject: (v) => `Carta de aceptación: ${v.title} (${v.code})`,
    body: (v) => [
      `Nos complace informarle que ha sido aceptado/a como participante en el curso «${v.title}» del Programa de Cocreación de Conocimientos de JICA, AFJ${v.fiscalYear}.`,
      `El curso se realizará en Japón ${v.inJapan}, en ${v.hostCentre}.`,
      'Las instrucciones de incorporación llegarán antes de su viaje. Una copia de esta carta se envía a su gobierno.',
    ],
  },
  certificate: {
    title: 'Certificado de finalización',
    subject: (v) => `Certificado de finalización: ${v.title} (${v.code})`,
    body: (v) => [
      'Se certifica que',
      v.name,
      `de ${v.organization}, ${v.country}, ha completado el curso «${v.title}» del Programa de Cocreación de Conocimientos de JICA, realizado en Japón ${v.inJapan}.`,
    ],
  },
  joining: {
    subject: (v) => `Instrucciones de incorporación: ${v.title} (${v.code})`,
    body: (v) => [
      `Bienvenido/a al curso «${v.title}». Llegue a Japón el ${v.arrival}; el curso se desarrolla ${v.inJapan} en ${v.hostCentre}, que le recibirá y organizará su alojamiento.`,
      'Por favor, traiga:',
    ],
    bring: [
      'su pasaporte, válido para toda la estancia, con visado si se requiere',
      'su informe de país, según la Información General',
      'ropa para la estación y los medicamentos que necesite',
    ],
  },
  actionPlan: {
    requestSubject: (v) => `Su plan de acción: ${v.title} (${v.code})`,
    reminderSubject: (v) => `Recordatorio: su plan de acción para ${v.title} (${v.code})`,
    finalSubject: (v) => `Último recordatorio: su plan de acción para ${v.title} (${v.code})`,
    body: (v) => [
      `Gracias por participar en «${v.title}». Envíenos su plan de acción, preparado para su organización, y un breve informe de lo aplicado desde su regreso.`,
      `Envíelo a más tardar el ${v.due}, a través de la oficina de JICA en su país o respondiendo a este correo.`,
    ],
  },
  attached: 'Se adjunta su documento (PDF).',
  from: { from: 'del', to: 'al' },
};

const ja: ParticipantWords = {
  dear: (v) => `${v.name} 様`,
  closing: '独立行政法人国際協力機構（JICA） 課題別研修',
  labels: {
    participant: '研修員',
    organization: '所属機関',
    country: '国',
    course: '研修コース',
    code: 'コース番号',
    hostCentre: '受入センター',
    inJapan: '本邦研修期間',
    arrival: '来日日',
    due: '提出期限',
  },
  letter: {
    title: '受入通知書',
    subject: (v) => `受入通知書：${v.title}（${v.code}）`,
    body: (v) => [
      `JICA課題別研修「${v.title}」（${v.fiscalYear}年度）の研修員として受け入れることが決定しましたので、お知らせいたします。`,
      `本邦研修は${v.inJapan}、${v.hostCentre}にて実施します。`,
      '来日前に来日案内をお送りします。本通知書の写しは貴国政府にも送付しています。',
    ],
  },
  certificate: {
    title: '修了証書',
    subject: (v) => `修了証書：${v.title}（${v.code}）`,
    body: (v) => [
      '次の者は',
      v.name,
      `（${v.country}、${v.organization}）JICA課題別研修「${v.title}」（本邦研修 ${v.inJapan}）を修了したことを証します。`,
    ],
  },
  joining: {
    subject: (v) => `来日案内：${v.title}（${v.code}）`,
    body: (v) => [
      `研修コース「${v.title}」へようこそ。${v.arrival}に来日してください。研修は${v.inJapan}、${v.hostCentre}で行われ、同センターが出迎えと宿泊を手配します。`,
      '持参するもの：',
    ],
    bring: [
      '滞在期間中有効な旅券（必要な場合は査証）',
      '一般情報で求められたカントリーレポート',
      '季節に合った衣類と常用薬',
    ],
  },
  actionPlan: {
    requestSubject: (v) => `アクションプランの提出：${v.title}（${v.code}）`,
    reminderSubject: (v) => `督促：${v.title}（${v.code}）のアクションプラン`,
    finalSubject: (v) => `最終督促：${v.title}（${v.code}）のアクションプラン`,
    body: (v) => [
      `研修「${v.title}」へのご参加ありがとうございました。所属機関のために作成したアクションプランと、帰国後の実施状況の簡単な報告をお送りください。`,
      `提出期限は${v.due}です。貴国のJICA事務所経由、またはこのメールへの返信でお送りください。`,
    ],
  },
  attached: '文書を添付しました（PDF）。',
  from: { from: '', to: '〜' },
};

export const PARTICIPANT_WORDS: Record<NoticeLanguage, ParticipantWords> = { en, fr, es, ja };
