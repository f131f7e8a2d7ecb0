// Which ATU a helpline contact goes to. The rule, in order:
//   1. an active ATU whose own district is the contact's district (Lahore → ATU Lahore);
//   2. the ATU of the FIA zone nearest the district, from the table below (Sialkot → Gujranwala,
//      Thatta → Karachi, Swat → Peshawar …); the table names the zone's city, which is the
//      ATU's district in the unit tree;
//   3. the ATU of the province's principal zone (Punjab → Lahore, Sindh → Karachi, Khyber
//      Pakhtunkhwa → Peshawar, Balochistan → Quetta, Islamabad → Islamabad, Gilgit-Baltistan →
//      Gilgit, Azad Jammu and Kashmir → Islamabad);
//   4. otherwise the contact cannot be routed: the operator sets the district, or a supervisor
//      chooses the ATU (an override, with its reason, audited).
// Administrators keep the tree; the tables here only say which zone is nearest.

/** District → the city of the nearest FIA zone (whose ATU takes the contact). */
export const NEAREST_ZONE: Record<string, string> = {
  Sialkot: 'Gujranwala',
  Gujrat: 'Gujranwala',
  'Mandi Bahauddin': 'Gujranwala',
  Narowal: 'Gujranwala',
  Hafizabad: 'Gujranwala',
  Sheikhupura: 'Lahore',
  Kasur: 'Lahore',
  Okara: 'Lahore',
  Nankana: 'Lahore',
  Sargodha: 'Faisalabad',
  Jhang: 'Faisalabad',
  'Toba Tek Singh': 'Faisalabad',
  Chiniot: 'Faisalabad',
  Sahiwal: 'Multan',
  Bahawalpur: 'Multan',
  Bahawalnagar: 'Multan',
  'Rahim Yar Khan': 'Multan',
  'Dera Ghazi Khan': 'Multan',
  Muzaffargarh: 'Multan',
  Vehari: 'Multan',
  Khanewal: 'Multan',
  Rawalpindi: 'Islamabad',
  Attock: 'Islamabad',
  Jhelum: 'Islamabad',
  Chakwal: 'Islamabad',
  Thatta: 'Karachi',
  Badin: 'Hyderabad',
  'Mirpur Khas': 'Hyderabad',
  Tharparkar: 'Hyderabad',
  Sanghar: 'Hyderabad',
  Larkana: 'Sukkur',
  Khairpur: 'Sukkur',
  Jacobabad: 'Sukkur',
  Ghotki: 'Sukkur',
  Shikarpur: 'Sukkur',
  Swat: 'Peshawar',
  Mardan: 'Peshawar',
  Charsadda: 'Peshawar',
  Nowshera: 'Peshawar',
  Mansehra: 'Peshawar',
  Abbottabad: 'Islamabad',
  'Dera Ismail Khan': 'Kohat',
  Bannu: 'Kohat',
  Karak: 'Kohat',
  Hangu: 'Kohat',
  Kech: 'Quetta',
  Gwadar: 'Karachi',
  Chagai: 'Quetta',
  'Lasbela': 'Karachi',
  Skardu: 'Gilgit',
  Hunza: 'Gilgit',
  Muzaffarabad: 'Islamabad',
  Mirpur: 'Islamabad',
};

/** Province → its principal zone's city. */
export const PROVINCE_ZONE: Record<string, string> = {
  Punjab: 'Lahore',
  Sindh: 'Karachi',
  'Khyber Pakhtunkhwa': 'Peshawar',
  Balochistan: 'Quetta',
  'Islamabad Capital Territory': 'Islamabad',
  'Gilgit-Baltistan': 'Gilgit',
  'Azad Jammu and Kashmir': 'Islamabad',
};

/** District → province, for the districts the helpline hears most (to count by province). */
export const DISTRICT_PROVINCE: Record<string, string> = {
  Lahore: 'Punjab', Gujranwala: 'Punjab', Faisalabad: 'Punjab', Multan: 'Punjab', Sialkot: 'Punjab', Gujrat: 'Punjab', 'Mandi Bahauddin': 'Punjab', Narowal: 'Punjab',
  Hafizabad: 'Punjab', Sheikhupura: 'Punjab', Kasur: 'Punjab', Okara: 'Punjab', Nankana: 'Punjab', Sargodha: 'Punjab', Jhang: 'Punjab', 'Toba Tek Singh': 'Punjab',
  Chiniot: 'Punjab', Sahiwal: 'Punjab', Bahawalpur: 'Punjab', Bahawalnagar: 'Punjab', 'Rahim Yar Khan': 'Punjab', 'Dera Ghazi Khan': 'Punjab', Muzaffargarh: 'Punjab',
  Vehari: 'Punjab', Khanewal: 'Punjab', Rawalpindi: 'Punjab', Attock: 'Punjab', Jhelum: 'Punjab', Chakwal: 'Punjab',
  Karachi: 'Sindh', Hyderabad: 'Sindh', Sukkur: 'Sindh', Larkana: 'Sindh', Thatta: 'Sindh', Badin: 'Sindh', 'Mirpur Khas': 'Sindh', Tharparkar: 'Sindh', Sanghar: 'Sindh',
  Khairpur: 'Sindh', Jacobabad: 'Sindh', Ghotki: 'Sindh', Shikarpur: 'Sindh',
  Peshawar: 'Khyber Pakhtunkhwa', Kohat: 'Khyber Pakhtunkhwa', Swat: 'Khyber Pakhtunkhwa', Mardan: 'Khyber Pakhtunkhwa', Charsadda: 'Khyber Pakhtunkhwa',
  Nowshera: 'Khyber Pakhtunkhwa', Mansehra: 'Khyber Pakhtunkhwa', Abbottabad: 'Khyber Pakhtunkhwa', 'Dera Ismail Khan': 'Khyber Pakhtunkhwa', Bannu: 'Khyber Pakhtunkhwa',
  Karak: 'Khyber Pakhtunkhwa', Hangu: 'Khyber Pakhtunkhwa',
  Quetta: 'Balochistan', Kech: 'Balochistan', Gwadar: 'Balochistan', Chagai: 'Balochistan', Lasbela: 'Balochistan',
  Islamabad: 'Islamabad Capital Territory',
  Gilgit: 'Gilgit-Baltistan', Skardu: 'Gilgit-Baltistan', Hunza: 'Gilgit-Baltistan',
  Muzaffarabad: 'Azad Jammu and Kashmir', Mirpur: 'Azad Jammu and Kashmir',
};

export interface AtuUnit {
  id: string;
  code: string;
  name: string;
  path: string;
  district: string | null;
  province: string | null;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
const lookup = (table: Record<string, string>, key: string | null | undefined) =>
  key ? Object.entries(table).find(([k]) => same(k, key))?.[1] : undefined;

export function provinceOf(district: string | null | undefined): string | undefined {
  return lookup(DISTRICT_PROVINCE, district);
}

/** The ATU responsible for a district (and province), and by which step of the rule; null when none. */
export function routeToAtu(atus: readonly AtuUnit[], district: string | null | undefined, province: string | null | undefined): { atu: AtuUnit; routedBy: 'district' | 'nearest-zone' | 'province' } | null {
  const byCity = (city: string | undefined) => (city ? atus.find((a) => same(a.district, city)) : undefined);
  const own = byCity(district ?? undefined);
  if (own) return { atu: own, routedBy: 'district' };
  const near = byCity(lookup(NEAREST_ZONE, district));
  if (near) return { atu: near, routedBy: 'nearest-zone' };
  const prov = byCity(lookup(PROVINCE_ZONE, province ?? provinceOf(district)));
  if (prov) return { atu: prov, routedBy: 'province' };
  return null;
}
