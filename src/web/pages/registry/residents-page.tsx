import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/not-found-page';
import { ResidentDetailPage } from './resident-detail-page';
import { ResidentFormPage } from './resident-form-page';
import { ResidentsListPage } from './residents-list-page';

/** 住户: the list, one page per resident, and the create and edit forms. */
export function ResidentsPage() {
  return (
    <Routes>
      <Route index element={<ResidentsListPage />} />
      <Route path="new" element={<ResidentFormPage />} />
      <Route path=":id" element={<ResidentDetailPage />} />
      <Route path=":id/edit" element={<ResidentFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
