// Other members who appear on feed and profile pages, so "an /in/ link" is rarely the viewer's own.

export interface OtherPerson {
  id: string;
  name: string;
  headline: string;
}

const FIRST = ['Priya', 'Lukas', 'Amélie', 'Sanne', 'João', 'Zofia', 'Giulia', 'Mateo', 'Grace', 'Tobias', 'Chloé', 'Daan', 'Ana', 'Kacper', 'Marco', 'Lucía', 'Omar', 'Hannah', 'Wei', 'Fatima'];
const LAST = ['Raman', 'Becker', 'Moreau', 'de Vries', 'Silva', 'Nowak', 'Romano', 'García', 'Okafor', 'Wagner', 'Lefèvre', 'Jansen', 'Costa', 'Kowalski', 'Ricci', 'López', 'Haddad', 'Schulz', 'Zhang', 'Benali'];
const HEADLINES = ['Talent Acquisition Lead', 'Staff Engineer', 'Product Designer', 'Data Scientist', 'Founder & CEO', 'Marketing Manager', 'Recruiter | We are hiring', 'PhD candidate', 'Sales Director', 'Open to work'];

export const OTHER_PEOPLE: readonly OtherPerson[] = FIRST.map((first, i) => {
  const last = LAST[i] ?? 'Smith';
  const slug = `${first}-${last}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  return { id: `${slug}-${String(1000 + i * 37)}`, name: `${first} ${last}`, headline: HEADLINES[i % HEADLINES.length] ?? '' };
});

export function otherPerson(index: number): OtherPerson {
  const person = OTHER_PEOPLE[index % OTHER_PEOPLE.length];
  if (!person) throw new Error('OTHER_PEOPLE is empty');
  return person;
}

/** A made-up miniProfile URN that looks like LinkedIn's base64-ish member ids. */
export function fakeUrn(id: string): string {
  let hash = 7;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return `urn:li:fs_miniProfile:ACoAA${hash.toString(36).toUpperCase().padStart(8, 'X')}Bq3k`;
}
