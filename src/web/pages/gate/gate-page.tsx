import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../not-found/not-found-page';
import { PostPage } from './post-page';
import { PassPrintPage, SlipPrintPage } from './print-pages';

/** Everything under /gate: the post screen and the printable pass and slip. */
export function GatePage() {
  return (
    <Routes>
      <Route index element={<PostPage />} />
      <Route path="passes/:id/print" element={<PassPrintPage />} />
      <Route path="slips/:id/print" element={<SlipPrintPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
