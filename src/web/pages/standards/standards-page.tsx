import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/not-found-page';
import { CalendarPage } from './calendar-page';
import { StandardDetailPage } from './standard-detail-page';
import { StandardsIndexPage } from './standards-index-page';

/** The service standards section: the library, one page per standard, and the business calendar. */
export function StandardsPage() {
  return (
    <Routes>
      <Route index element={<StandardsIndexPage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route path=":key" element={<StandardDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
