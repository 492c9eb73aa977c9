// Ready-made members for the demo, screenshots and benchmarks: one per UI language plus the odd cases.

import type { SimAccount } from './types';

export const DEMO_ACCOUNTS: readonly SimAccount[] = [
  { id: 'jana-schmidt-4711', name: 'Jana Schmidt', urn: 'urn:li:fs_miniProfile:ACoAABJana4711xQ', lang: 'de' },
  { id: 'alex-morgan-2024', name: 'Alex Morgan', urn: 'urn:li:fs_miniProfile:ACoAABAlex2024kP', lang: 'en' },
  { id: 'camille-durand-88', name: 'Camille Durand', urn: 'urn:li:fs_miniProfile:ACoAABCami88zzR', lang: 'fr' },
  { id: 'sanne-bakker-31', name: 'Sanne Bakker', urn: 'urn:li:fs_miniProfile:ACoAABSann31bbT', lang: 'nl' },
  { id: 'joao-pereira-550', name: 'João Pereira', urn: 'urn:li:fs_miniProfile:ACoAABJoao550pE', lang: 'pt' },
  { id: 'zofia-wojcik-9', name: 'Zofia Wójcik', urn: 'urn:li:fs_miniProfile:ACoAABZofi9wwJ', lang: 'pl' },
  { id: 'giulia-bianchi-77', name: 'Giulia Bianchi', urn: 'urn:li:fs_miniProfile:ACoAABGiul77bI', lang: 'it' },
  { id: 'lucia-fernandez-12', name: 'Lucía Fernández', urn: 'urn:li:fs_miniProfile:ACoAABLuci12fE', lang: 'es' },
  { id: 'oliver-brown-uk', name: 'Oliver Brown', urn: 'urn:li:fs_miniProfile:ACoAABOliUKbrW', lang: 'en', offered: false },
  { id: 'mia-keller-check', name: 'Mia Keller', urn: 'urn:li:fs_miniProfile:ACoAABMiaChkKl', lang: 'de', challenge: true },
];
