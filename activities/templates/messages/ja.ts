import type { NoticeMessages } from './types';

export const ja: NoticeMessages = {
  addressee: '{{countryName}}政府{{#if authority}} {{authority}}{{/if}} 御中',
  greeting: '拝啓',
  closing: ['敬具', '独立行政法人 国際協力機構（JICA）', '課題別研修（KCCP）'],
  footer: 'このメッセージはKCCP研修サービスから自動送信されています。参照番号: {{messageId}}',
  timeZoneSuffix: '（日本時間）',
  labels: {
    course: '研修コース',
    subject: '分野',
    hostCentre: '受入センター',
    fiscalYearCycle: '年度／回',
    mode: '実施形態',
    keyDates: '主要日程',
    from: '',
    to: '～',
    facts: '詳細',
    deadline: '期限',
    languages: '研修言語',
  },
  modes: {
    'in-person': '来日（対面）',
    online: 'オンライン',
    hybrid: 'ハイブリッド（オンラインと来日）',
  },
  windows: {
    formulation: '案件形成',
    scrutiny: '審査',
    requestSurvey: '要望調査',
    mofaDetermination: '外務省決定',
    nominations: '応募受付',
    selection: '選考',
    preArrival: '事前活動',
    inJapan: '本邦研修',
    postReturn: '帰国後活動',
    evaluation: '評価',
  },
  kinds: {
    'course-notification': {
      subject: '【JICA KCCP】研修実施のご案内：{{course.title}}（{{fiscalYear}}年度 第{{cycle}}回）',
      paragraphs: [
        '課題別研修「{{course.title}}」を{{fiscalYear}}年度（全3回中の第{{cycle}}回）に{{modeLabel}}で実施し、貴国を対象国とすることをお知らせいたします。',
        '{{#if languages}}本研修は{{languages.all}}で実施します。{{/if}}',
        '研修概要と応募方法を記載したGI（General Information）を追ってお送りします。{{#if nominationsClose}}応募は{{nominationsClose}}までにJICAに届くようお願いいたします。{{/if}}',
      ],
    },
    'general-information': {
      subject: '【JICA KCCP】GI送付：{{course.title}}（{{fiscalYear}}年度 第{{cycle}}回）',
      paragraphs: [
        '研修「{{course.title}}」{{fiscalYear}}年度（全3回中の第{{cycle}}回）のGI（General Information）と主要日程のカレンダーファイルを添付いたします。',
        '在外日本国大使館またはJICA在外事務所を通じて、適任の職員をご推薦ください。応募は{{nominationsClose}}までにJICAに届くようお願いいたします。',
      ],
    },
    'nomination-acknowledgement': {
      subject: '【JICA KCCP】応募受領のお知らせ：{{course.title}}（{{fiscalYear}}年度）',
      paragraphs: [
        '研修「{{course.title}}」（{{fiscalYear}}年度 第{{cycle}}回）への貴国政府からのご推薦を受領いたしました。{{#if count}}受領した応募者数：{{count}}名。{{/if}}',
        '選考結果は選考期間終了後にお知らせいたします。',
      ],
      listTitle: '受領した応募者',
    },
    'selection-result': {
      subject: '【JICA KCCP】選考結果のお知らせ：{{course.title}}（{{fiscalYear}}年度）',
      paragraphs: [
        '研修「{{course.title}}」（{{fiscalYear}}年度 第{{cycle}}回）の選考が終了いたしました。',
        '{{#if count}}貴国からの応募者のうち、下記の{{count}}名が選考されましたのでお知らせいたします。参加の詳細は追ってご連絡いたします。{{else}}誠に残念ながら、本年度は貴国からの応募者を選考することができませんでした。ご関心に感謝申し上げます。{{/if}}',
      ],
      listTitle: '選考された参加者',
    },
    'cycle-not-held': {
      subject: '【JICA KCCP】研修中止のお知らせ：{{course.title}}（{{fiscalYear}}年度）',
      paragraphs: [
        '誠に残念ながら、研修「{{course.title}}」は{{fiscalYear}}年度（第{{cycle}}回）は実施しないこととなりました。',
        '{{notHeld.reason}}',
        '{{notHeld.staffReason}}',
        'ご迷惑をおかけしますことをお詫び申し上げるとともに、ご関心に感謝申し上げます。',
      ],
    },
    'mode-change': {
      subject: '【JICA KCCP】実施形態変更のお知らせ：{{course.title}}（{{fiscalYear}}年度）',
      paragraphs: [
        '研修「{{course.title}}」（{{fiscalYear}}年度 第{{cycle}}回）は{{modeLabel}}で実施することとなりました。',
        '{{#if facts.reason}}理由：{{facts.reason}}{{/if}}',
        'その他の事項は、別途ご連絡がない限り従前のとおりです。',
      ],
    },
  },
  notHeld: {
    reasons: {
      'scrutiny-failed': '本年度は本研修を実施いたしません。',
      'scrutiny-undecided': '本年度は本研修を実施いたしません。',
      'no-plan': '本年度は本研修を実施いたしません。',
      'mofa-not-approved': '本年度は本研修を実施いたしません。',
      'mofa-undecided': '本年度は本研修を実施いたしません。',
      'too-few-requests': '本年度は参加を希望する国が十分に集まりませんでした。',
      'no-nominations': '本年度は本研修への応募がありませんでした。',
      'selection-undecided': '参加者の選考を期限までに終えることができませんでした。',
      cancelled: '本研修は中止となりました。',
    },
    otherReason: '本年度は本研修を実施いたしません。',
    staffReason: '中止の理由：{{staffReason}}',
  },
  staffReminder: {
    subject: '【KCCP】{{subject}}：{{course.code}} 第{{cycle}}回{{#if deadline}}（期限 {{deadline}}）{{/if}}',
    paragraphs: [
      '{{office}}へのリマインダー：研修 {{course.code}}「{{course.title}}」（{{fiscalYear}}年度 第{{cycle}}回）の「{{subject}}」について。',
      '{{#if deadline}}期限：{{deadline}}{{/if}}',
    ],
  },
  pdf: {
    eligibility:
      '本研修の対象国政府の職員で、自国政府の推薦を受け、研修分野の実務経験と{{languages.any}}の十分な能力を有する者。',
    eligibilityAnyLanguage:
      '本研修の対象国政府の職員で、自国政府の推薦を受け、研修分野の実務経験と研修言語の十分な能力を有する者。',
    nomination:
      '各国政府は、推薦する組織と応募者を在外日本国大使館またはJICA在外事務所を通じて提出します。応募は{{nominationsClose}}までにJICAに届く必要があります。',
    calendarNote: '日付はすべて日本時間（Asia/Tokyo）です。',
  },
  ics: { deadlineTitle: '応募締切：{{course.title}}' },
};
