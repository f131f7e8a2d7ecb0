// Cases (module `cases`): the register at /cases, registration at /cases/new, a case at /cases/:id.
import { Route, Routes } from 'react-router';
import { NotFound } from '../lib/NotFound';
import { CasePage } from './CasePage';
import { NewCase } from './NewCase';
import { Register } from './Register';

export default function CasesPage() {
  return (
    <Routes>
      <Route index element={<Register />} />
      <Route path="new" element={<NewCase />} />
      <Route path=":id" element={<CasePage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
