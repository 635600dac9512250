import { Route, Routes } from 'react-router';
import { lazyPage } from '../../nav-registry';
import { NotFoundPage } from '../not-found/not-found-page';
import { ListPage } from './list-page';

// The list comes with this page (the menu entry lands on it); an order's page, with its step
// forms, timeline and signature pad, and the printed slip load when one is opened.
const OrderPage = lazyPage(() => import('./order-page'), 'OrderPage');
const PrintPage = lazyPage(() => import('./print-page'), 'PrintPage');

/** Everything under /work-orders that is not its own menu entry: the list, an order, its slip. */
export function WorkOrdersPage() {
  return (
    <Routes>
      <Route index element={<ListPage />} />
      <Route path=":id" element={<OrderPage />} />
      <Route path=":id/print" element={<PrintPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
