import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/not-found-page';
import { StaffDetailPage } from './staff-detail-page';
import { StaffFormPage } from './staff-form-page';
import { StaffListPage } from './staff-list-page';

/** 员工: the list with training status, one page per staff member, and the create and edit forms. */
export function StaffPage() {
  return (
    <Routes>
      <Route index element={<StaffListPage />} />
      <Route path="new" element={<StaffFormPage />} />
      <Route path=":id" element={<StaffDetailPage />} />
      <Route path=":id/edit" element={<StaffFormPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
