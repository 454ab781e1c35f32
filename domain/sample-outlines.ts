/**
 * Plausible course outlines per subject for the demo courses (`kccp catalogue
 * seed --jfy2020`), so their GI packages and the yearly Course List and
 * Outline have something real-looking to print. Pure and deterministic: the
 * same subject and index give the same outline.
 */
import type { CourseOutlineInput } from './course-outline';
import type { Subject } from './reference';

interface SubjectTheme {
  /** What the course improves, after "to strengthen ...". */
  focus: string;
  organisations: string;
  positions: string;
  /** Three topics of the core modules. */
  topics: [string, string, string];
  partner: string;
}

const THEMES: Record<Subject, SubjectTheme> = {
  Governance: {
    focus: 'transparent and accountable public administration',
    organisations: 'ministries in charge of public administration and local government',
    positions: 'senior officials planning administrative reform',
    topics: ['Civil service management', 'Public finance and audit', 'Local governance and citizen services'],
    partner: 'National Graduate Institute for Policy Studies (GRIPS)',
  },
  'Gender and Development': {
    focus: 'gender-responsive policies and programmes',
    organisations: 'ministries of gender and social affairs, national statistics offices',
    positions: 'officials designing gender-responsive policy',
    topics: ['Gender analysis and statistics', "Women's economic empowerment", 'Prevention of gender-based violence'],
    partner: 'Gender Equality Bureau, Cabinet Office',
  },
  Peacebuilding: {
    focus: 'the reintegration of conflict-affected communities',
    organisations: 'ministries and agencies in charge of reconstruction and social cohesion',
    positions: 'officials planning post-conflict recovery',
    topics: ['Conflict analysis', 'Livelihood recovery', 'Community reconciliation'],
    partner: 'Hiroshima University',
  },
  ICT: {
    focus: 'the digital transformation of public services',
    organisations: 'ministries of ICT and digital government agencies',
    positions: 'engineers and managers of e-government systems',
    topics: ['Digital government strategy', 'Cybersecurity', 'Interoperable public data platforms'],
    partner: 'Digital Agency of Japan',
  },
  Evaluation: {
    focus: 'the evaluation of development projects',
    organisations: 'ministries of planning and evaluation units',
    positions: 'officials in charge of monitoring and evaluation',
    topics: ['Evaluation criteria and design', 'Data collection and analysis', 'Using evaluation results'],
    partner: 'Japan Evaluation Society',
  },
  Education: {
    focus: 'the quality of basic education',
    organisations: 'ministries of education and teacher training institutes',
    positions: 'curriculum developers and teacher trainers',
    topics: ['Lesson study', 'Mathematics and science teaching', 'School management'],
    partner: 'Naruto University of Education',
  },
  Health: {
    focus: 'maternal, newborn and child health services',
    organisations: 'ministries of health and regional health offices',
    positions: 'health managers and senior nurses and midwives',
    topics: ['Continuum of care', 'Maternal and child health handbook', 'Health information systems'],
    partner: 'National Center for Global Health and Medicine',
  },
  'Social Security': {
    focus: 'social protection and universal health coverage',
    organisations: 'ministries of labour and social security, insurance agencies',
    positions: 'officials designing pension and insurance schemes',
    topics: ['Health insurance financing', 'Pension systems', 'Care for older persons'],
    partner: 'Ministry of Health, Labour and Welfare',
  },
  'Economic Policy': {
    focus: 'macroeconomic and fiscal policy management',
    organisations: 'ministries of finance and central banks',
    positions: 'economists and policy analysts',
    topics: ['Macroeconomic forecasting', 'Public debt management', 'Tax administration'],
    partner: 'Ministry of Finance, Policy Research Institute',
  },
  'Private Sector Development': {
    focus: 'the productivity of small and medium enterprises',
    organisations: 'ministries of industry and SME support agencies',
    positions: 'officials and consultants supporting enterprises',
    topics: ['Kaizen and quality management', 'SME finance', 'Export promotion'],
    partner: 'Japan Productivity Center',
  },
  'Agricultural Development': {
    focus: 'sustainable rice production and market-oriented farming',
    organisations: 'ministries of agriculture and agricultural research institutes',
    positions: 'extension officers and researchers',
    topics: ['Rice cultivation techniques', 'Post-harvest handling', 'Market-oriented agriculture (SHEP)'],
    partner: 'Tsukuba International Center and NARO',
  },
  'Rural Development': {
    focus: 'community-driven rural development',
    organisations: 'ministries of rural development and local governments',
    positions: 'officials working with rural communities',
    topics: ['Participatory planning', 'Life improvement approach', 'Rural enterprises'],
    partner: 'Japan Agricultural Cooperatives',
  },
  Transportation: {
    focus: 'the planning and maintenance of road infrastructure',
    organisations: 'ministries of transport and public works, road agencies',
    positions: 'civil engineers and transport planners',
    topics: ['Road asset management', 'Bridge inspection', 'Road safety'],
    partner: 'Ministry of Land, Infrastructure, Transport and Tourism',
  },
  'Urban/Regional Development': {
    focus: 'integrated urban planning',
    organisations: 'ministries of urban development and city governments',
    positions: 'urban planners',
    topics: ['Land use planning', 'Land readjustment', 'Transit-oriented development'],
    partner: 'City of Yokohama',
  },
  'Natural Resources and Energy': {
    focus: 'energy efficiency and renewable energy',
    organisations: 'ministries of energy and power utilities',
    positions: 'engineers and energy policy officials',
    topics: ['Energy efficiency policy', 'Grid integration of renewables', 'Geothermal development'],
    partner: 'Energy Conservation Center, Japan',
  },
  'Environmental Management': {
    focus: 'solid waste management and pollution control',
    organisations: 'ministries of environment and municipal environment departments',
    positions: 'officials in charge of waste and pollution',
    topics: ['Integrated solid waste management', 'Air quality monitoring', 'The 3Rs'],
    partner: 'City of Kitakyushu',
  },
  'Natural Conservation': {
    focus: 'the conservation of forests and biodiversity',
    organisations: 'ministries of forestry and protected area agencies',
    positions: 'forest and park managers',
    topics: ['Sustainable forest management', 'Protected area management', 'Community-based conservation'],
    partner: 'Forestry Agency of Japan',
  },
  'Water Resources': {
    focus: 'safe water supply and integrated water resources management',
    organisations: 'ministries of water and water utilities',
    positions: 'water engineers and utility managers',
    topics: ['Non-revenue water reduction', 'Water quality management', 'River basin management'],
    partner: 'Yokohama Waterworks Bureau',
  },
  'Disaster Risk Reduction': {
    focus: 'disaster risk reduction and resilient recovery',
    organisations: 'national disaster management agencies and local governments',
    positions: 'officials in charge of disaster management',
    topics: ['Disaster risk assessment', 'Early warning and evacuation', 'Build back better'],
    partner: 'Asian Disaster Reduction Center (Kobe)',
  },
};

/** A demo outline for the `index`-th course of a subject: `perCountry` participants from each of `countries` countries. */
export function sampleOutline(subject: Subject, index: number, countries: number, perCountry = 2): CourseOutlineInput {
  const t = THEMES[subject];
  const [a, b, c] = t.topics;
  return {
    objectives: [
      `To strengthen ${t.focus} in the participants' countries.`,
      `To draw up an action plan that applies the knowledge gained to the participants' organisations.`,
    ],
    expectedOutputs: [
      `Participants understand Japan's experience of ${t.focus}.`,
      `Participants analyse the issues of ${a.toLowerCase()} and ${b.toLowerCase()} in their countries.`,
      `Participants present an action plan to their organisations and share it after returning.`,
    ],
    modules: [
      {
        title: 'Country reports and orientation',
        content: 'Inception reports on the situation in each country; introduction to the course and to Japan.',
        method: 'presentations, discussion',
        days: 2,
      },
      {
        title: a,
        content: `Policies, institutions and practice of ${a.toLowerCase()} in Japan.`,
        method: 'lectures',
        days: 4,
      },
      {
        title: b,
        content: `Field visits and case studies of ${b.toLowerCase()} with Japanese practitioners.`,
        method: 'site visits, case studies',
        days: 5,
      },
      {
        title: c,
        content: `Exercises applying ${c.toLowerCase()} to the participants' cases.`,
        method: 'workshops',
        days: 3,
      },
      {
        title: 'Action plan',
        content: 'Drafting, presenting and discussing each participant’s action plan.',
        method: 'workshop, presentations',
        days: 2 + (index % 3),
      },
    ],
    totalDays: 18 + (index % 3),
    participants: { perCountry, total: Math.max(perCountry, perCountry * countries) },
    targetOrganisations: [t.organisations],
    targetPositions: [t.positions],
    eligibility: [
      'Be nominated by the government in accordance with the procedures in this document.',
      'Have at least three years of work experience in the field of the course.',
      'Be in good health to take part in the whole course.',
    ],
    partners: [t.partner],
    contact: { name: 'JICA Training Affairs Division', email: 'kccp-training@jica.example' },
  };
}
