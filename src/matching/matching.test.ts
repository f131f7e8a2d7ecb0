import { describe, expect, it } from 'vitest';
import { syntheticPeople } from '../../bench/synthetic-names';
import { ALERT_THRESHOLD, MatchIndex, compareNames, nameParts, normalizeNationality, parseName, type WatchlistEntry } from './index';
import { KIND_WEIGHT } from './variants';

const texts = (name: string): string[] => nameParts(name).map((p) => p.text);

function indexOf(entries: WatchlistEntry[]): MatchIndex {
  const idx = new MatchIndex();
  for (const e of entries) idx.add(e);
  return idx;
}

const people: WatchlistEntry[] = [
  { id: 'P1', names: ['Muhammad Yusuf'], dob: ['1975-03-02'], sex: 'M' },
  { id: 'P2', names: ['Yasir Hussain'], dob: ['1980'] },
  { id: 'P3', names: ['Zia-ud-Din Ahmed Tareen'], dob: ['1968'] },
  { id: 'P4', names: ['Syed Ali Raza'], fatherName: 'Hassan Raza', cnic: '35202-1234567-1' },
  { id: 'P5', names: ['Muhammad Yusuf Khan'], dob: ['1981-07-09'] },
];

describe('normalisation', () => {
  it('writes Muhammad and its abbreviations one way', () => {
    for (const v of ['Mohammad', 'Mohammed', 'Muhammed', 'Mohd', 'Md', 'Mohamed']) expect(texts(v)).toEqual(['muhammad']);
  });
  it('joins compound names however they are split', () => {
    expect(texts('Zia-ud-Din')).toEqual(texts('Ziauddin'));
    expect(texts('Zia Uddin')).toEqual(texts('Ziauddin'));
    expect(texts('Rehmat Ullah')).toEqual(texts('Rahmatullah').map((t) => t.replace('rahmat', 'rehmat')));
    expect(nameParts('Rehmat Ullah')[0]?.skeleton).toBe(nameParts('Rahmatullah')[0]?.skeleton);
    expect(texts('Atiq-ur-Rehman')).toEqual(texts('Atiqurrehman'));
    const abd = ['Abdul Rahman', 'Abdur Rahman', 'Abd al-Rahman', 'Abdelrahman', 'Abdurrahman'].map((n) => nameParts(n)[0]?.skeleton);
    expect(new Set(abd).size).toBe(1);
  });
  it('puts the father after s/o (and Urdu ولد) into fatherName', () => {
    const p = parseName('Syed Ali Raza s/o Hassan');
    expect(p.father).toBe('Hassan');
    expect(p.parts.map((x) => x.text)).toEqual(['syed', 'ali', 'raza']);
    expect(p.parts[0]?.kind).toBe('honorific');
    expect(parseName('علی رضا ولد حسن').father).toBe('حسن');
    const w = parseName('Mst. Shabana Bibi w/o Aslam r/o Lahore');
    expect(w).toMatchObject({ husband: 'Aslam', residence: 'Lahore', female: true });
  });
  it('keeps honorifics as down-weighted parts, never deletes them', () => {
    const p = parseName('Ch. Pervez Elahi').parts;
    expect(p[0]).toMatchObject({ text: 'chaudhry', kind: 'honorific' });
  });
  it('unifies Arabic and Urdu letters and digits, drops diacritics and ZWNJ', () => {
    expect(nameParts('مُحَمَّد يوسف').map((p) => p.skeleton)).toEqual(nameParts('محمد یوسف').map((p) => p.skeleton));
    expect(nameParts('محمد\u200Cیوسف').length).toBeGreaterThan(0);
  });
  it('normalises nationalities to ISO alpha-3', () => {
    expect(normalizeNationality("Democratic People's Republic of Korea ")).toBe('PRK');
    expect(normalizeNationality('Afghan')).toBe('AFG');
    expect(normalizeNationality('PK')).toBe('PAK');
    expect(normalizeNationality('pak')).toBe('PAK');
    expect(normalizeNationality('Bahrain (citizenship revoked in Jan. 2015)')).toBe('BHR');
    expect(normalizeNationality('Atlantis')).toBe('atlantis');
  });
});

describe('name comparison', () => {
  it('"Mohammad Yousaf" vs "Muhammad Yusuf" scores above the alert threshold', () => {
    const hit = indexOf(people).search({ name: 'Mohammad Yousaf' })[0];
    expect(hit?.id).toBe('P1');
    expect(hit?.score).toBeGreaterThanOrEqual(ALERT_THRESHOLD);
    expect(hit?.alert).toBe(true);
  });
  it('keeps "Yusuf" and "Yasir" apart', () => {
    expect(compareNames(nameParts('Yusuf'), nameParts('Yasir')).score).toBe(0);
    const hits = indexOf(people).search({ name: 'Yasir' });
    expect(hits[0]?.id).toBe('P2');
    expect(hits.find((h) => h.id === 'P1')?.alert ?? false).toBe(false);
  });
  it('finds "Muhammad Yusuf" from Urdu script "محمد یوسف"', () => {
    const hit = indexOf(people).search({ name: 'محمد یوسف' })[0];
    expect(hit?.id).toBe('P1');
    expect(hit?.alert).toBe(true);
  });
  it('matches reordered names and compound spellings', () => {
    const idx = indexOf(people);
    expect(idx.search({ name: 'Tareen Ziauddin Ahmad' })[0]).toMatchObject({ id: 'P3', alert: true });
    expect(idx.search({ name: 'Zia Uddin Tareen' })[0]?.id).toBe('P3');
  });
  it('matches initials: "M. Yusuf Khan"', () => {
    const hit = indexOf(people).search({ name: 'M. Yusuf Khan' })[0];
    expect(hit?.id).toBe('P5');
    expect(hit?.explanation.parts.find((p) => p.query === 'm')?.how).toBe('initial');
  });
  it('a conflicting date of birth lowers the score, an agreeing one raises it', () => {
    const idx = indexOf(people);
    const none = idx.search({ name: 'Muhammad Yusuf' })[0]?.score ?? 0;
    const agree = idx.search({ name: 'Muhammad Yusuf', dob: '1975-03-02' })[0];
    const conflict = idx.search({ name: 'Muhammad Yusuf', dob: '1990-01-01' }).find((h) => h.id === 'P1');
    expect(agree?.score).toBeGreaterThanOrEqual(none);
    expect(conflict?.score ?? 0).toBeLessThan(none);
    expect(conflict?.explanation.attributes).toContainEqual(expect.objectContaining({ attribute: 'dob', outcome: 'conflict' }));
  });
  it('CNIC agreement strongly raises the score, even for a weak name match', () => {
    const idx = indexOf(people);
    const weak = idx.search({ name: 'Ali Raza Shah' }).find((h) => h.id === 'P4');
    const withCnic = idx.search({ name: 'Ali Raza Shah', cnic: '3520212345671' }).find((h) => h.id === 'P4');
    expect(withCnic?.score ?? 0).toBeGreaterThan((weak?.score ?? 0) + 0.2);
    expect(withCnic?.alert).toBe(true);
    expect(idx.search({ name: 'Kamran Butt', cnic: '35202-1234567-1' })[0]?.id).toBe('P4');
  });
  it('the father in "s/o" is compared with the record', () => {
    const idx = indexOf(people);
    const same = idx.search({ name: 'Syed Ali Raza s/o Hassan Raza' })[0];
    const other = idx.search({ name: 'Syed Ali Raza s/o Tariq Mehmood' })[0];
    expect(same?.explanation.attributes).toContainEqual(expect.objectContaining({ attribute: 'fatherName', outcome: 'agree' }));
    expect(other?.explanation.attributes).toContainEqual(expect.objectContaining({ attribute: 'fatherName', outcome: 'conflict' }));
    expect(same?.score ?? 0).toBeGreaterThan(other?.score ?? 1);
  });
  it('the explanation lists which query part matched which candidate part and how', () => {
    const hit = indexOf(people).search({ name: 'Mohammad Yousaf', dob: '1975' })[0];
    expect(hit?.explanation.matchedName).toBe('Muhammad Yusuf');
    expect(hit?.explanation.parts).toEqual(expect.arrayContaining([
      expect.objectContaining({ query: 'muhammad', candidate: 'muhammad', how: 'exact' }),
      expect.objectContaining({ query: 'yousaf', candidate: 'yusuf', how: 'variant' }),
    ]));
    expect(hit?.explanation.attributes[0]).toMatchObject({ attribute: 'dob', outcome: 'agree' });
  });
  it('a rare name part weighs more than a common one', () => {
    const idx = new MatchIndex();
    for (let i = 0; i < 200; i++) idx.add({ id: `C${i}`, names: [`Muhammad ${['Ali', 'Imran', 'Bilal', 'Asif'][i % 4]} Khan`] });
    idx.add({ id: 'T', names: ['Muhammad Tareen'] });
    const [m, , , t] = nameParts('Muhammad Ali Khan Tareen');
    expect(m && t && idx.rarity(t) > idx.rarity(m)).toBe(true);
    // a match on the rare part beats a match on the common part
    expect(idx.search({ name: 'Kashif Tareen' })[0]?.id).toBe('T');
  });
});

describe('MatchIndex maintenance', () => {
  it('adds, removes and updates entries at runtime', () => {
    const idx = indexOf(people);
    expect(idx.size).toBe(5);
    expect(idx.remove('P1')).toBe(true);
    expect(idx.remove('P1')).toBe(false);
    expect(idx.search({ name: 'Muhammad Yusuf' }).some((h) => h.id === 'P1')).toBe(false);
    idx.add({ id: 'P1', names: ['Muhammad Yusuf'] });
    expect(idx.search({ name: 'Muhammad Yusuf' })[0]?.id).toBe('P1');
    idx.update({ id: 'P1', names: ['Kamran Akmal'] });
    expect(idx.size).toBe(5);
    expect(idx.search({ name: 'Muhammad Yusuf' }).some((h) => h.id === 'P1')).toBe(false);
    expect(idx.search({ name: 'Kamran Akmal' })[0]?.id).toBe('P1');
  });
  it('indexes aliases in any script and returns each person once', () => {
    const idx = indexOf([{ id: 'A', names: ['Ghalib Abdullah al-Zaidi', 'غالب عبدالله الزيدي', 'Ghalib al Zaydi'] }]);
    const hits = idx.search({ name: 'Ghalib Abdallah al-Zaydi' });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ id: 'A', alert: true });
  });
});

describe('rules an officer would notice', () => {
  it('finds a compound written joined on one side and split on the other', () => {
    const idx = indexOf([
      { id: 'M', names: ['Mati-ur-Rehman Ali Muhammad'] },
      { id: 'K', names: ['Kim Sok Chol'] },
      { id: 'X', names: ['Rehman Ali'] },
    ]);
    const hit = idx.search({ name: 'Matiur Rehman' })[0];
    expect(hit?.id).toBe('M');
    expect(hit?.explanation.parts).toContainEqual(expect.objectContaining({ query: 'matiur rehman', candidate: 'matiurrehman' }));
    expect(idx.search({ name: 'Kim Sokchol' })[0]?.id).toBe('K');
  });
  it('an exact spelling outranks look-alike spellings of a common name among many people', () => {
    const many: WatchlistEntry[] = Array.from({ length: 600 }, (_, i) => ({ id: `D${i}`, names: [`${['Amir', 'Umar', 'Omar'][i % 3]} Abbas`] }));
    const idx = indexOf([...many, { id: 'A', names: ['Amru al-Absi'] }]);
    expect(idx.search({ name: 'Amr al-Absi' }).slice(0, 3).map((h) => h.id)).toContain('A');
  });
  it('a short alias of a long listed name finds the listed person first', () => {
    const idx = indexOf([
      { id: 'LONG', names: ['Salim Mustafa Muhammad al-Mansur'] },
      { id: 'S1', names: ['Salim Khan'] },
      { id: 'S2', names: ['Mansur Ali'] },
    ]);
    expect(idx.search({ name: 'Salim Mansur' })[0]?.id).toBe('LONG');
  });
  it('an entry born on the same full date is a candidate even when no name part matches', () => {
    const others: WatchlistEntry[] = Array.from({ length: 300 }, (_, i) => ({ id: `O${i}`, names: [`Muhammad ${['Imran', 'Bilal', 'Asif'][i % 3]}`], dob: [`19${50 + (i % 40)}-01-01`] }));
    const idx = indexOf([...others, { id: 'T', names: ['Turki Mubarak al-Binali'], dob: ['1984-09-03'] }]);
    expect(idx.search({ name: 'Abu Hazm al-Salafi' }).some((h) => h.id === 'T')).toBe(false);
    const hit = idx.search({ name: 'Abu Hazm al-Salafi', dob: '1984-09-03' })[0];
    expect(hit?.id).toBe('T');
    expect(hit?.explanation.attributes).toContainEqual(expect.objectContaining({ attribute: 'dob', outcome: 'agree' }));
    expect(hit?.alert).toBe(false);
  });
  it('a name that says little ("Abu Muhammad") lets the full date of birth decide', () => {
    const idx = indexOf([
      { id: 'M', names: ['Muhammad Orakzai'], dob: ['1960-05-05'] },
      { id: 'T', names: ['Jaber Abdallah al-Jalahmah'], dob: ['1959-09-24'] },
    ]);
    for (let i = 0; i < 2000; i++) idx.add({ id: `F${i}`, names: [`Muhammad ${['Ali', 'Khan', 'Imran', 'Asif'][i % 4]}`] });
    expect(idx.search({ name: 'Abu Muhammad', dob: '1959-09-24' })[0]?.id).toBe('T');
  });
  it('"Abu …" and "s/o" mark a man: a woman\'s record conflicts on sex', () => {
    expect(parseName('Abu Bakr al-Baghdadi').male).toBe(true);
    expect(parseName('Ali Raza s/o Hassan').male).toBe(true);
    expect(parseName('Shabana Bibi').male).toBe(false);
    const idx = indexOf([{ id: 'W', names: ['Bakr Begum'], sex: 'F' }, { id: 'MAN', names: ['Bakr Hassan'], sex: 'M' }]);
    const w = idx.search({ name: 'Abu Bakr' }).find((h) => h.id === 'W');
    expect(w?.explanation.attributes).toContainEqual(expect.objectContaining({ attribute: 'sex', outcome: 'conflict' }));
  });
});

describe('spelling variants by vowel shape', () => {
  const how = (a: string, b: string) => compareNames(nameParts(a), nameParts(b)).parts[0]?.how;
  it('keeps names apart that share a consonant skeleton but not their vowels', () => {
    for (const [a, b] of [['Tariq', 'Turki'], ['Hamid', 'Ahmed'], ['Salim', 'Aslam'], ['Khurram', 'Akram'], ['Mehmood', 'Muhammad']]) {
      expect(['variant', 'exact']).not.toContain(how(a!, b!));
    }
  });
  it('still calls transliterations of one name variants', () => {
    for (const [a, b] of [['Yousaf', 'Yusuf'], ['Mehmood', 'Mahmood'], ['Hussain', 'Husein'], ['Maryam', 'Mariam'], ['Qasim', 'Qassem'], ['Fazal', 'Fazl'], ['Eyad', 'Iyad']]) {
      expect(how(a!, b!)).toBe('variant');
    }
  });
  it('a full name matched by an initial earns only what the initial says', () => {
    const cmp = compareNames(nameParts('Masli Hamid'), nameParts('M. Ahmed Masood'));
    const initial = cmp.parts.find((p) => p.how === 'initial');
    expect(initial?.weight ?? 0).toBeLessThanOrEqual(KIND_WEIGHT.initial);
  });
});

describe('screening at the alert level (minScore) prunes without losing hits', () => {
  it('returns exactly the hits an unpruned search scores at or above minScore', () => {
    const idx = new MatchIndex();
    const people = [...syntheticPeople(20_000, 5)];
    // dates of birth of every kind a candidate's can stand to the query's: full, year only, two, none
    const shift = (dob: string, years: number) => `${Number(dob.slice(0, 4)) + years}${dob.slice(4)}`;
    const dobsOf = (dob: string, i: number): string[] => [[dob], [dob.slice(0, 4)], [shift(dob, 1), dob], []][i % 4]!;
    people.forEach((p, i) => idx.add({ id: `S${i}`, names: [p.name], dob: dobsOf(p.dob, i), sex: p.sex, nationality: ['PAK'], ...(i % 3 === 0 ? { fatherName: `Ghulam ${p.name.split(' ').at(-1)}` } : {}) }));
    const queries = [
      ...people.slice(0, 150).map((p) => ({ name: p.name.replace('Muhammad', 'Mohd').replace('Ahmed', 'Ahmad'), dob: p.dob, sex: p.sex })),
      ...people.slice(150, 200).map((p) => ({ name: p.name, dob: '1990' })),
      ...people.slice(200, 260).map((p, i) => ({ name: p.name, dob: shift(p.dob, (i % 5) - 2), fatherName: `Ghulam ${p.name.split(' ').at(-1)}` })),
      ...people.slice(260, 300).map((p) => ({ name: p.name })),
      ...[...syntheticPeople(150, 6)].map((p) => ({ name: p.name, dob: p.dob, sex: p.sex })),
    ];
    let hits = 0;
    for (const minScore of [ALERT_THRESHOLD, 0.85]) {
      for (const q of queries) {
        const pruned = idx.search(q, { top: 50, minScore, candidates: 100_000 }).map((h) => `${h.id}:${h.score}`);
        const full = idx.search(q, { top: 100_000, candidates: 100_000 }).filter((h) => h.score >= minScore).slice(0, 50).map((h) => `${h.id}:${h.score}`);
        expect(pruned).toEqual(full);
        hits += full.length;
      }
    }
    expect(hits).toBeGreaterThan(300);
  }, 60_000);
});
