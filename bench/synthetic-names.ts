/**
 * Deterministic generator of synthetic Pakistani person records (name, sex, date of birth)
 * for benchmarks and load tests. Seeded (mulberry32): the same seed gives the same people.
 * Realistic first names (incl. Urdu-origin and compound names), surnames, castes and tribes,
 * honorifics, women's markers and the common spelling variants of each.
 */

export interface SyntheticPerson {
  name: string;
  sex: 'M' | 'F';
  /** 'YYYY-MM-DD' (most) or 'YYYY'. */
  dob: string;
}

/** mulberry32 PRNG → [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Spelling variants separated by '/': one is picked per person.
const MALE = `Muhammad/Mohammad/Mohammed/Muhammed/M.,Ahmed/Ahmad,Ali,Hassan/Hasan,Hussain/Husain/Hussein,Usman/Osman,Umar/Omar,
Bilal,Imran,Kamran,Faisal/Faysal,Tariq/Tarique,Asif,Arif,Sajid,Majid,Khalid,Zahid,Shahid,Rashid/Rasheed,Waseem/Wasim,Naeem,
Nadeem,Saleem/Salim,Kareem/Karim,Javed/Javaid,Pervez/Parvez,Nawaz,Shahbaz,Shehzad/Shahzad,Farhan,Irfan,Adnan,Rizwan,Ahsan,
Hamza/Hamzah,Zubair,Junaid,Fahad/Fahd,Yousaf/Yusuf/Yousuf,Yasir/Yasser,Yaqoob/Yaqub,Ibrahim,Ismail,Ishaq/Ishaque,Idrees/Idris,
Younis/Yunus,Ayub/Ayyub,Dawood/Daud,Sulaiman/Sulman,Suleman,Haroon/Harun,Zakir/Zakar,Qasim/Kasim,Nasir/Nasser,Mansoor/Mansur,
Anwar,Akhtar,Aslam,Akram,Afzal,Iqbal,Jamil/Jameel,Jalal,Kamal,Iftikhar,Mushtaq,Ishtiaq,Ashfaq,Shafiq/Shafique,Rafiq/Rafique,
Tauqeer,Tanveer/Tanvir,Zafar,Azhar,Mazhar,Athar,Sarfraz,Mumtaz,Riaz,Ijaz/Ejaz,Niaz,Fayyaz/Fayaz,Ilyas,Abbas,Ghulam,Shakeel/Shakil,
Aqeel/Aqil,Nabeel/Nabil,Sohail/Suhail,Fawad,Babar,Waqas,Waqar,Naveed/Navid,Saeed/Said,Khurram,Asad,Talha,Saad,Haider/Hyder,
Atif,Aamir/Amir,Abid,Zeeshan,Noman/Nouman,Shoaib,Raheel,Adeel,Sami/Samee,Wajid,Abdul Rehman/Abdur Rahman/Abdul Rahman,
Abdullah/Abdulla,Abdul Ghafoor/Abdul Ghafur,Abdul Qadir/Abdul Qadeer,Abdul Majeed/Abdul Majid,Abdul Hameed/Abdul Hamid,
Abdul Razzaq/Abdul Razaq,Abdul Sattar,Abdul Jabbar,Abdul Karim/Abdul Kareem,Zia-ud-Din/Ziauddin/Zia Uddin,
Shams-ud-Din/Shamsuddin,Noor-ud-Din/Nooruddin,Saif-ul-Islam/Saifullah,Atiq-ur-Rehman/Atiqur Rahman,Fazal-ur-Rehman/Fazlur Rahman,
Zia-ul-Haq/Ziaul Haq,Inam-ul-Haq/Inamul Haq,Anwar-ul-Haq,Rahmatullah/Rehmat Ullah,Hidayatullah/Hidayat Ullah,Amanullah/Aman Ullah,
Sanaullah/Sana Ullah,Habibullah/Habib Ullah,Kaleemullah/Kalimullah,Naqeebullah,Asmatullah,Khair Muhammad,Gul Muhammad,
Sher Muhammad,Dost Muhammad,Allah Ditta,Allah Bakhsh/Allah Bux,Khuda Bakhsh/Khuda Bux,Ghulam Rasool/Ghulam Rasul,Ghulam Abbas,
Ghulam Mustafa,Ghulam Murtaza,Ghulam Haider,Ghulam Qadir,Noor Muhammad/Nur Muhammad,Gul Khan,Sher Khan,Wali Khan,Jan Muhammad,
Sardar Ali,Raja Khan,Mir Hazar,Baz Khan,Fida Hussain,Mehboob/Mahboob,Mehmood/Mahmood/Mahmud,Masood/Masud,Maqsood/Maqsud,
Mukhtar/Mokhtar,Nisar,Israr,Asrar,Waheed/Wahid,Zulfiqar/Zulfikar,Shaukat/Shoukat,Liaqat/Liaquat,Rehmat/Rahmat,Barkat,Nusrat,
Hayat,Sadiq/Sadique,Siddique/Siddiq,Farooq/Faruq,Haq Nawaz,Shah Nawaz,Rab Nawaz,Ameer/Amir,Taimur/Timur,Jahangir,Sikandar,
Arshad,Irshad,Ershad,Sajjad,Intizar,Manzoor/Manzur,Nazir/Nazeer,Bashir/Basheer,Nazeer Ahmed,Bashir Ahmad,Mian Muhammad`;

const FEMALE = `Fatima/Fatimah,Ayesha/Aisha/Aysha,Khadija/Khadijah,Zainab/Zaynab,Maryam/Mariam,Amina/Aamina/Ameena,Asma/Asmaa,
Saima,Sadia,Nadia,Rabia,Samina,Shazia,Nazia,Farzana,Rukhsana,Shabana,Parveen/Perveen/Parvin,Naseem/Nasim,Nasreen/Nasrin,
Yasmin/Yasmeen,Tahira,Tahmina,Razia,Rashida,Rehana/Raihana,Robina/Rubina,Bushra,Sana,Hina,Uzma,Huma,Noreen/Nureen,Nargis,
Kausar/Kosar,Kulsoom/Kulsum,Zubaida/Zobaida,Zahida,Sajida,Majida,Abida,Sughra/Sughran,Kubra,Safia/Safiya,Sakina/Sakeena,
Haleema/Halima,Naila,Faiza,Fozia/Fauzia,Aneesa/Anisa,Afshan,Mehwish,Mehreen,Sidra,Iqra,Kiran,Madiha,Mahnoor,Hafsa,Javeria/Juwairia,
Amna,Aqsa,Bibi Jan,Gul Bibi,Gul Bano,Shamim/Shameem,Tasleem/Taslim,Surraya/Suraiya/Soraya,Shaheen,Samreen,Mumtaz,Naheed/Nahid,
Zarina/Zareena,Salma,Sultana,Sabira,Shakila/Shakeela,Jamila/Jameela,Aziza,Noor Jahan/Nur Jahan,Mehr-un-Nisa/Mehrunnisa,
Khair-un-Nisa/Khairunnisa,Zeb-un-Nisa/Zebunnisa,Qamar-un-Nisa`;

const SURNAMES = `Khan,Khan,Khan,Malik,Butt/Bhatt,Chaudhry/Chaudhary/Ch.,Awan,Rajput,Jatt/Jat,Arain/Arayen,Gujjar/Gujar,Qureshi/Kureshi,
Siddiqui/Siddiqi,Ansari,Abbasi,Sheikh/Shaikh,Mughal/Moghal,Baloch/Baluch,Bugti,Marri,Mengal,Rind,Raisani,Jamali,Magsi,
Yousafzai/Yusufzai,Afridi,Khattak,Orakzai,Mohmand,Shinwari,Durrani,Tareen/Tarin,Niazi,Wazir,Mehsud/Mahsud,Bangash,Kakar/Kakkar,
Achakzai/Achekzai,Barakzai,Popalzai,Leghari,Mazari,Khosa,Dreshak,Gorchani,Bhutto,Soomro/Sumro,Memon/Memmon,Junejo,Chandio,
Jatoi,Talpur,Mirani,Shah,Shah,Bukhari,Gillani/Gilani,Naqvi,Rizvi,Jafri/Jafry,Kazmi,Hashmi,Zaidi,Hamdani,Jilani,Tirmizi,Chishti,
Warraich,Cheema,Bajwa,Gondal,Sandhu,Virk,Tarar,Ghuman,Chattha,Kahlon,Randhawa,Dogar,Kharal,Sial,Bhatti,Joiya,Wattoo,Langah,
Khokhar,Janjua,Minhas,Kiyani/Kayani,Satti,Dhanial,Mirza,Baig/Beg,Lodhi/Lodi,Ghauri/Ghori,Swati,Tanoli,Jadoon,Yusufi,Kundi,
Gandapur,Marwat,Bannuchi,Dawar,Utmankhel,Mohmand,Safi,Sherani,Kasi,Nasar,Hazara,Turi,Bangash,Hussaini,Faruqi/Farooqui,Usmani/Osmani,
Alvi/Alavi,Jaffery,Rehmani,Rana,Raja,Mian,Sardar,Chohan/Chauhan,Bhutta,Sipra,Sahi,Kamboh,Lohar,Mochi,Qazi/Kazi,Peerzada/Pirzada,
Makhdoom,Syed,Pasha,Lashari,Kalhoro,Abro,Shaikh,Pathan,Khalil,Daudzai,Ahmadzai,Sulemankhel,Kharoti,Zadran,Mangal,Jadran,
Ahmed,Iqbal,Akhtar,Hussain,Ali,Aslam,Anwar,Javed,Latif,Rashid,Saleem,Raza,Haider,Abbas,Nawaz,Shafiq,Mehmood,Ashraf`;

const HONORIFICS = ['Syed', 'Sheikh', 'Ch.', 'Chaudhry', 'Malik', 'Mian', 'Rana', 'Raja', 'Khawaja', 'Mirza', 'Haji', 'Hafiz', 'Maulana', 'Qazi', 'Sardar', 'Pir'];

const list = (s: string): string[][] => s.split(',').map((x) => x.trim()).filter(Boolean).map((x) => x.split('/'));
const MALE_NAMES = list(MALE);
const FEMALE_NAMES = list(FEMALE);
const SURNAME_LIST = list(SURNAMES);

/** Generator of synthetic people; deterministic for a seed. */
export function* syntheticPeople(count: number, seed = 1): Generator<SyntheticPerson> {
  const rnd = seededRandom(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  // Zipf-like skew: popular names are much more common than rare ones
  const skew = <T>(a: readonly T[]): T => a[Math.floor(a.length * rnd() ** 1.8)] as T;
  const spell = (v: readonly string[]): string => (rnd() < 0.7 ? (v[0] ?? '') : pick(v));
  for (let i = 0; i < count; i++) {
    const female = rnd() < 0.35;
    const parts: string[] = [];
    if (female) {
      if (rnd() < 0.08) parts.push(rnd() < 0.5 ? 'Mst.' : 'Musammat');
      parts.push(spell(skew(FEMALE_NAMES)));
      const r = rnd();
      if (r < 0.12) parts.push(pick(['Bibi', 'Begum', 'Khatoon', 'Mai']));
      else if (r < 0.35) parts.push(spell(skew(FEMALE_NAMES)));
      if (rnd() < 0.8) parts.push(spell(skew(SURNAME_LIST)));
    } else {
      if (rnd() < 0.12) parts.push(pick(HONORIFICS));
      if (rnd() < 0.35) parts.push(spell(MALE_NAMES[0] ?? ['Muhammad']));
      parts.push(spell(skew(MALE_NAMES)));
      if (rnd() < 0.3) parts.push(spell(skew(MALE_NAMES)));
      if (rnd() < 0.85) parts.push(spell(skew(SURNAME_LIST)));
    }
    const year = 1945 + Math.floor(rnd() * 62);
    const month = 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const dob = rnd() < 0.15 ? String(year) : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    yield { name: parts.join(' '), sex: female ? 'F' : 'M', dob };
  }
}
