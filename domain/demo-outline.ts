import type { CourseOutlineInput } from './course-outline';
import { sampleOutline } from './sample-outlines';

/**
 * The demo course the README pictures and the document tests print: the
 * disaster risk reduction outline with its prose translated into Japanese and
 * Spanish by hand (French readers get the labels in French, the prose as written).
 */
export function demoDisasterRiskOutline(): CourseOutlineInput {
  return {
    ...sampleOutline('Disaster Risk Reduction', 0, 6, 2),
    translations: {
      ja: {
        title: 'コミュニティ防災',
        objectives: [
          '研修員の国において防災と災害からの強靭な復興の取り組みを強化する。',
          '習得した知見を研修員の所属組織に適用するアクションプランを作成する。',
        ],
        expectedOutputs: [
          '防災と強靭な復興に関する日本の経験を理解する。',
          '自国における災害リスク評価と早期警報・避難の課題を分析する。',
          'アクションプランを所属組織に発表し、帰国後に共有する。',
        ],
        modules: [
          {
            title: 'カントリーレポートとオリエンテーション',
            content: '各国の現状に関するインセプションレポートの発表、研修と日本の紹介。',
            method: '発表、討議',
          },
          { title: '災害リスク評価', content: '日本における災害リスク評価の政策、制度と実践。', method: '講義' },
          {
            title: '早期警報と避難',
            content: '日本の実務者とともに行う早期警報・避難の現場視察と事例研究。',
            method: '視察、事例研究',
          },
          {
            title: 'より良い復興（Build Back Better）',
            content: 'より良い復興の考え方を研修員の事例に適用する演習。',
            method: 'ワークショップ',
          },
          {
            title: 'アクションプラン',
            content: '各研修員のアクションプランの作成、発表と討議。',
            method: 'ワークショップ、発表',
          },
        ],
        targetOrganisations: ['国家防災機関および地方自治体'],
        targetPositions: ['防災を担当する行政官'],
        eligibility: [
          '本書に定める手続きに従い、自国政府から推薦を受けていること。',
          '研修分野において3年以上の実務経験を有すること。',
          '研修全期間に参加できる健康状態にあること。',
        ],
      },
      es: {
        title: 'Reducción del Riesgo de Desastres Basada en la Comunidad',
        objectives: [
          'Fortalecer la reducción del riesgo de desastres y la recuperación resiliente en los países de los participantes.',
          'Elaborar un plan de acción que aplique los conocimientos adquiridos en las organizaciones de los participantes.',
        ],
        modules: [
          {
            title: 'Informes de país y orientación',
            content: 'Informes iniciales sobre la situación de cada país; introducción al curso y a Japón.',
            method: 'presentaciones, debate',
          },
          {
            title: 'Evaluación del riesgo de desastres',
            content: 'Políticas, instituciones y práctica de la evaluación del riesgo en Japón.',
            method: 'clases',
          },
          {
            title: 'Alerta temprana y evacuación',
            content: 'Visitas de campo y estudios de caso con profesionales japoneses.',
            method: 'visitas, estudios de caso',
          },
          {
            title: 'Reconstruir mejor',
            content: 'Ejercicios que aplican el enfoque de reconstruir mejor a los casos de los participantes.',
            method: 'talleres',
          },
          {
            title: 'Plan de acción',
            content: 'Redacción, presentación y discusión del plan de acción de cada participante.',
            method: 'taller, presentaciones',
          },
        ],
      },
    },
  };
}
