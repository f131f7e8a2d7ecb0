import { syntheticPeople } from './synthetic-names';
let i=0; for (const p of syntheticPeople(15, 7)) console.log(++i, p);
