/** Application forms from CSV (issue 16): the optional form columns reach the nominee, bad cells are named per row. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nominationGroups } from '../../client/commands/nominations';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kccp-forms-'));

test('the application form columns are read, and a bad one is refused on its line, naming the column and rule', () => {
  const file = path.join(dir, 'forms.csv');
  writeFileSync(
    file,
    [
      'country,organization,nominee_name,position,email,gender,date_of_birth,nationality,years_of_experience,language_proficiency',
      'KE,MoA,Amina Otieno,Director,amina@agri.example.ke,female,1985-03-02,KE,12,English: fluent',
      'KE,MoA,John Kamau,Officer,john@agri.example.ke,,,,,',
      'SN,ISRA,Awa Diop,Researcher,awa@isra.example.sn,female,1990-02-30,SN,5,French: fluent',
      'SN,ISRA,Moussa Fall,Researcher,moussa@isra.example.sn,male,1980-01-01,SN,many,French: fluent',
    ].join('\n'),
  );
  const { items, bad } = nominationGroups(file, { as: 'tanaka@jica.example' });
  const ke = items.find((i) => i.decision.country === 'KE')!.decision;
  expect(ke.nominees[0]).toEqual({
    name: 'Amina Otieno',
    position: 'Director',
    email: 'amina@agri.example.ke',
    organization: 'MoA',
    gender: 'female',
    dateOfBirth: '1985-03-02',
    nationality: 'KE',
    yearsOfExperience: 12,
    languageProficiency: 'English: fluent',
  });
  expect(Object.keys(ke.nominees[1]!)).toEqual(['name', 'position', 'email', 'organization']);
  expect(bad).toEqual([
    { line: 4, field: 'date_of_birth', message: 'not a real calendar date' },
    { line: 5, field: 'years_of_experience', message: expect.stringMatching(/number/) },
  ]);
});

test('document_language: the language of the participant’s documents when not the country’s; another is refused on its line', () => {
  const file = path.join(dir, 'languages.csv');
  writeFileSync(
    file,
    [
      'country,organization,nominee_name,position,email,document_language',
      'KE,MoA,Amina Otieno,Director,amina@agri.example.ke,fr',
      'KE,MoA,John Kamau,Officer,john@agri.example.ke,',
      'SN,ISRA,Awa Diop,Researcher,awa@isra.example.sn,de',
    ].join('\n'),
  );
  const { items, bad } = nominationGroups(file, { as: 'tanaka@jica.example' });
  const ke = items.find((i) => i.decision.country === 'KE')!.decision;
  expect(ke.nominees.map((n) => n.documentLanguage)).toEqual(['fr', undefined]);
  expect(bad).toEqual([{ line: 4, field: 'document_language', message: expect.stringMatching(/en|fr|es|ja/) }]);
});
